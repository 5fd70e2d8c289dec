/**
 * The usage report's data, as the extension computes it and the webview renders it.
 * Pure types: shared by src/report, the report model (src/state/usageReport.ts) and the page (src/webview).
 */

/** Calendar days `YYYY-MM-DD`, both included. */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/**
 * A column of numbers, one per meeting: an array where records are read, a typed array where a
 * table came across a thread or to the page (shared/protocol.ts), used as it came rather than copied.
 */
export type Column = ArrayLike<number>;

/**
 * Every meeting of the report as columns rather than objects: 100,000 meetings cross the
 * extension-host/webview boundary as a few flat arrays, and sorting and filtering work on indices.
 */
export interface MeetingTable {
  /** Distinct room names; `room[i]` indexes into it. */
  readonly roomNames: readonly string[];
  readonly room: Column;
  /** Start of each meeting, epoch milliseconds. */
  readonly startedAt: Column;
  /** Length of each meeting, seconds. */
  readonly seconds: Column;
  /**
   * With several licenses: their labels, and the license of each room name (`roomLicense[r]`
   * indexes `licenseNames`). A room name is then listed once per license that has it.
   */
  readonly licenseNames?: readonly string[];
  readonly roomLicense?: Column;
}

export interface UsageSummary {
  readonly totalSeconds: number;
  readonly meetings: number;
  readonly rooms: number;
  /** 0 without meetings. */
  readonly averageSeconds: number;
  readonly longest?: { readonly roomName: string; readonly seconds: number; readonly startedAt: number };
  readonly busiestDay?: { readonly day: string; readonly seconds: number };
}

/**
 * The figures of an answer still arriving, over the meetings read so far: what the report shows
 * while the rest comes (report/aggregate.ts TotalsCounter.soFar).
 */
export interface TotalsSoFar {
  readonly summary: UsageSummary;
  /** Every day of the range, in order, zeros included (as Aggregates.perDay). */
  readonly perDay: readonly DayUsage[];
}

export interface DayUsage {
  readonly day: string;
  readonly seconds: number;
  readonly meetings: number;
}

export interface RoomUsage {
  readonly roomName: string;
  /** The license the room belongs to, in a report across licenses. */
  readonly license?: string;
  readonly seconds: number;
  readonly meetings: number;
  readonly longestSeconds: number;
}

export interface LicenseUsage {
  readonly license: string;
  readonly seconds: number;
  readonly meetings: number;
  readonly rooms: number;
}

/** The room limit a report's concurrency is measured against, and the warning threshold in %. */
export interface CapacityLimit {
  readonly roomLimit: number;
  readonly warningPercent: number;
}

export interface DayCapacity {
  readonly day: string;
  /** The most rooms busy at once that day, and the first instant it happened (epoch ms; 0 on a day without meetings). */
  readonly peak: number;
  readonly at: number;
  readonly atWarningMs: number;
  readonly atLimitMs: number;
}

/**
 * Concurrent rooms over the range, rebuilt from the meetings (report/concurrency.ts), each cut at
 * the range's edges in the report's zone.
 */
export interface Capacity {
  readonly peak: number;
  readonly peakAt: number;
  /** Every day of the range, in order. */
  readonly perDay: readonly DayCapacity[];
  /** Meetings that began before the range or ran past its end: only their part inside counts. */
  readonly clipped: number;
  /** The limit measured against, when the license's is known (across licenses: their sum). */
  readonly limit?: CapacityLimit;
  /** With a limit: the count that is "near the limit", and the time (ms) and days at or above it and at the limit. */
  readonly warningRooms?: number;
  readonly atWarningMs?: number;
  readonly atWarningDays?: number;
  readonly atLimitMs?: number;
  readonly atLimitDays?: number;
}

export interface Aggregates {
  readonly summary: UsageSummary;
  /** Every day of the range (and any day a meeting falls on outside it), in order, zeros included. */
  readonly perDay: readonly DayUsage[];
  /** Busiest room first. */
  readonly perRoom: readonly RoomUsage[];
  /** In a report across licenses: each license's figures, in the order of `licenseNames`. */
  readonly perLicense?: readonly LicenseUsage[];
  /** In a report across licenses: seconds per day of each license, `[license][day]`, days as in `perDay`. */
  readonly perDayByLicense?: readonly (readonly number[])[];
  readonly capacity: Capacity;
  /** Seconds of meeting per weekday and hour in the report's zone, `[weekday * 24 + hour]`, Monday first. */
  readonly weekHours: readonly number[];
}

/** This month's usage so far and where it will end at this pace (report/monthForecast.ts), with last month beside it. */
export interface MonthForecast {
  /** `YYYY-MM` of this month. */
  readonly month: string;
  /** Seconds from the first of the month until now. */
  readonly soFarSeconds: number;
  /** Where the month is likely to end: so far, plus the rest at the weekday averages. */
  readonly forecastSeconds: number;
  readonly lastMonth: {
    readonly month: string;
    readonly totalSeconds: number;
    /** Last month up to the same day of the month as today (its last day, when it is shorter). */
    readonly toSameDaySeconds: number;
  };
  /** Average seconds per weekday over the last 28 full days, Monday 0 … Sunday 6. */
  readonly weekdayAverages: readonly number[];
}

export type SortKey = 'room' | 'startedAt' | 'seconds';

/** What the meetings table shows: the webview renders it, and export writes the same rows. */
export interface TableQuery {
  /** Case-insensitive part of a room name; empty for all. */
  readonly filter: string;
  readonly sort: SortKey;
  readonly descending: boolean;
}
