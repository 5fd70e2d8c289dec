/** Closes `npm test` with one total over the suites, in the `N passed, N failed` form CI reads. */
import { countsLine, loadCounts } from './results';

const suites = ['unit', 'integration', 'browser'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  const counts = loadCounts(suite);
  if (!counts) {
    console.error(`total: the ${suite} suite left no results; it did not run to the end`);
    process.exit(1);
  }
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log(countsLine('total', { passed, failed, skipped }));
process.exit(failed > 0 || passed === 0 ? 1 : 0);
