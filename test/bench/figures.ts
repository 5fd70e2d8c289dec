/** A benchmark figure with its budget, and the table `npm run bench` prints. */

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The most it may be; undefined for a figure shown for context only. */
  readonly budget?: number;
  readonly note?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `p` % of the values lie (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function printFigures(figures: readonly Figure[]): number {
  const rows = figures.map((figure) => {
    const holds = figure.budget === undefined ? '' : figure.value <= figure.budget ? 'holds' : 'OVER';
    return [figure.name, format(figure.value, figure.unit), figure.budget === undefined ? '–' : `≤ ${format(figure.budget, figure.unit)}`, holds, figure.note ?? ''];
  });
  const header = ['figure', 'measured', 'budget', '', 'note'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  const over = figures.filter((figure) => figure.budget !== undefined && figure.value > figure.budget).length;
  console.log(`\n${figures.filter((figure) => figure.budget !== undefined).length - over} budgets hold, ${over} over`);
  return over;
}
