/**
 * The usage records behind v1/static, kept sorted by creation time so that a date range is two
 * binary searches and a slice, even over 100,000 records.
 */
import type { UsageRecord } from './types';

export const DAY_MS = 86_400_000;

export interface UsageReport {
  totalSecond: number;
  /** Newest first, as in the document's sample. */
  detail: UsageRecord[];
}

export class UsageLog {
  /** Parallel arrays, oldest first: times[i] is Date.parse(records[i].createdAt). */
  private readonly times: number[] = [];
  private readonly records: UsageRecord[] = [];

  constructor(records: readonly UsageRecord[] = []) {
    const sorted = records
      .map((record) => ({ record, time: Date.parse(record.createdAt) }))
      .sort((a, b) => a.time - b.time);
    for (const { record, time } of sorted) {
      this.times.push(time);
      this.records.push(record);
    }
  }

  get size(): number {
    return this.records.length;
  }

  /** Adds a record in time order (after any record with the same time, so the newest-first listing shows it first). */
  add(record: UsageRecord): void {
    const time = Date.parse(record.createdAt);
    const index = this.upperBound(time);
    this.times.splice(index, 0, time);
    this.records.splice(index, 0, record);
  }

  /** Records created in [fromMs, toMs), newest first, and their total. */
  range(fromMs: number, toMs: number): UsageReport {
    const start = this.lowerBound(fromMs);
    const end = this.lowerBound(toMs);
    const detail: UsageRecord[] = [];
    let totalSecond = 0;
    for (let i = end - 1; i >= start; i--) {
      const record = this.records[i]!;
      detail.push({ ...record });
      totalSecond += record.sessionTimeSecond;
    }
    return { totalSecond, detail };
  }

  /** Every record, oldest first (copies, so callers cannot change the log). */
  all(): UsageRecord[] {
    return this.records.map((record) => ({ ...record }));
  }

  /** First index whose time is >= t. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose time is > t. */
  private upperBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Parses a `YYYY-MM-DD` calendar date to the start of that day in **UTC** (ms), or undefined when
 * the text is not such a date or names a day that does not exist (2021-02-30).
 *
 * Decision: the document does not say which time zone its days are in (a Korean service may well
 * use Asia/Seoul). The emulator uses UTC day boundaries, which keeps its answers independent of the
 * machine it runs on, and still returns the document's sample exactly (all four sample records are
 * well inside 2021-02-21..22 in both UTC and KST).
 */
export function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.getTime();
}

/** An ISO timestamp truncated to whole seconds, the way the document's samples look (`...:26.000Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
