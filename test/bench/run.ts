/**
 * `npm run bench`: prints each performance figure with its budget and whether it holds.
 * Figures, not tests: nothing here fails the build; the README's Performance section is a run's output.
 */
import { type Figure, printFigures } from './figures';
import { reportFigures, sizeFigures } from './nodeBench';
import { soakFigures } from './soakBench';
import { treeFigures } from './treeBench';
import { scaleFigures, workbenchFigures } from './workbenchBench';

const RECORDS = 100_000;
/** A year of a busy license. */
const AT_SCALE = 500_000;

async function main(): Promise<void> {
  const figures: Figure[] = [];
  console.log('[bench] building the release bundle and the .vsix…');
  figures.push(...sizeFigures());
  console.log(`[bench] the usage report at ${RECORDS.toLocaleString()} records, in Node…`);
  figures.push(...(await reportFigures(RECORDS)).figures);
  console.log('[bench] the live rooms at 1,000 rooms, in Node…');
  figures.push(...(await treeFigures()));
  console.log('[bench] memory over 10,000 refresh cycles and 50 reports, in Node…');
  figures.push(...(await soakFigures()));
  console.log('[bench] the real workbench (code-server + Chromium)…');
  figures.push(...(await workbenchFigures(RECORDS)));
  console.log(`[bench] the usage report at ${AT_SCALE.toLocaleString()} records, in the real workbench…`);
  figures.push(...(await scaleFigures(AT_SCALE)));
  printFigures(figures);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
