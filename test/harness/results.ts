/** Test counts per suite, kept in .vscode-test/results/ so that `npm test` can close with a total. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SuiteCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export const resultsDir = path.resolve(__dirname, '..', '..', '..', '.vscode-test', 'results');

/** The closing line CI reads: `<label>: N passed, N failed[, N skipped]`. */
export function countsLine(label: string, counts: SuiteCounts): string {
  return `${label}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
}

export function saveCounts(suite: string, counts: SuiteCounts): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${suite}.json`), JSON.stringify(counts));
}

export function clearCounts(): void {
  fs.rmSync(resultsDir, { recursive: true, force: true });
}

export function loadCounts(suite: string): SuiteCounts | undefined {
  const file = path.join(resultsDir, `${suite}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteCounts) : undefined;
}
