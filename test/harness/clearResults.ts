/** Forgets the counts of an earlier `npm test`, so that its total speaks only of this run. */
import { clearCounts } from './results';

clearCounts();
