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
 * Every meeting of the report as columns rather than objects: 100,000 meetings cross the
 * extension-host/webview boundary as a few flat arrays, and sorting and filtering work on indices.
 */
export interface MeetingTable {
  /** Distinct room names; `room[i]` indexes into it. */
  readonly roomNames: readonly string[];
  readonly room: readonly number[];
  /** Start of each meeting, epoch milliseconds. */
  readonly startedAt: readonly number[];
  /** Length of each meeting, seconds. */
  readonly seconds: readonly number[];
  /**
   * With several licenses: their labels, and the license of each room name (`roomLicense[r]`
   * indexes `licenseNames`). A room name is then listed once per license that has it.
   */
  readonly licenseNames?: readonly string[];
  readonly roomLicense?: readonly number[];
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
}

export type SortKey = 'room' | 'startedAt' | 'seconds';

/** What the meetings table shows: the webview renders it, and export writes the same rows. */
export interface TableQuery {
  /** Case-insensitive part of a room name; empty for all. */
  readonly filter: string;
  readonly sort: SortKey;
  readonly descending: boolean;
}
