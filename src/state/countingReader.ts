/**
 * Reading one usage answer as its bytes arrive, counting its totals as each batch of records is
 * read (report/aggregate.ts TotalsCounter), and telling now and then how far it has come: how many
 * records, and the figures of those read so far, which the page shows while the rest arrives. The
 * report's worker reads this way (state/reportWorker.ts), and so does the caller's thread without one.
 */
import type { BodyReader } from '../api/http';
import { readUsageInThread, type StreamedUsage } from '../api/usageStream';
import { TotalsCounter } from '../report/aggregate';
import type { Aggregates, MeetingTable, TotalsSoFar } from '../shared/reportTypes';
import type { Counting } from './reportWorkerProtocol';

/** How often, at most, the reader tells how many records it has read. */
export const PROGRESS_MS = 100;
/**
 * How long after the first figures so far (the first batch's, told at once) it tells the next: each
 * is drawn on the page, which shares the machine with the reading. The wait doubles after each, up
 * to SO_FAR_MAX_MS: a few times a second at first reads as live, and once a second is live enough
 * for an answer that takes seconds, whose drawing would otherwise slow its own reading.
 */
export const SO_FAR_MS = 250;
export const SO_FAR_MAX_MS = 1_000;

export interface CountingReader {
  readonly reader: BodyReader<StreamedUsage>;
  /** The totals of `table` (the one this reader read), counted as it was read; none without counting. */
  readonly totals: (table: MeetingTable) => Aggregates | undefined;
}

/**
 * @param counting how to count the totals (none: records are only read)
 * @param tell told the records read so far, at most every PROGRESS_MS; with counting, with the
 *   figures so far: at once for the first records, then after SO_FAR_MS, twice that, and so on up
 *   to SO_FAR_MAX_MS (none: nothing is told, and no figures so far are made)
 * @param now the clock, in milliseconds
 */
export function countingReader(counting: Counting | undefined, tell?: (records: number, soFar?: TotalsSoFar) => void, now: () => number = () => performance.now()): CountingReader {
  const counted = counting && { ...counting, counter: new TotalsCounter(counting.timeZone) };
  let toldAt = Number.NEGATIVE_INFINITY;
  let soFarAt = Number.NEGATIVE_INFINITY;
  let soFarWait = SO_FAR_MS;
  const reader = readUsageInThread((records, table) => {
    counted?.counter.countTo(table);
    if (!tell) return;
    const at = now();
    if (counted && at - soFarAt >= soFarWait) {
      if (soFarAt !== Number.NEGATIVE_INFINITY) soFarWait = Math.min(SO_FAR_MAX_MS, soFarWait * 2);
      soFarAt = toldAt = at;
      tell(records, counted.counter.soFar(table, counted.range));
      return;
    }
    if (at - toldAt < PROGRESS_MS) return;
    toldAt = at;
    tell(records);
  });
  return { reader, totals: (table) => counted?.counter.totals(table, counted.range, counted.limit) };
}
