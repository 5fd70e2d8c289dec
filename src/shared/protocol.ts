/**
 * Messages between the usage report panel (extension host) and its page (webview). Both sides
 * import these types; what arrives from the other side is checked before it is used.
 */
import { isRecord } from './isRecord';
import type { Aggregates, CapacityLimit, Column, DateRange, MeetingTable, MonthForecast, RoomUsage, SortKey, TableQuery, TotalsSoFar, UsageSummary } from './reportTypes';

/**
 * The meetings as they cross to the page (and to and from the report's worker): typed arrays,
 * which VS Code hands over as binary buffers instead of writing 100,000 numbers per column as JSON,
 * in the narrowest form that holds them exactly. Carrying them costs time in proportion to their
 * bytes (about 1 ms per 6 KB from the extension host to the page in code-server), so the usual
 * table, whose starts are whole seconds and lengths whole numbers, crosses in 10 bytes a meeting
 * rather than 20.
 */
export interface WireTable {
  readonly roomNames: readonly string[];
  /** 16 bits a meeting while there are at most 65,536 rooms. */
  readonly room: Uint16Array | Uint32Array;
  /**
   * Epoch milliseconds; or, with `startBase`, whole seconds after `startBase` (epoch ms), when
   * every start is a whole second after the first, within 136 years of it.
   */
  readonly startedAt: Float64Array | Uint32Array;
  readonly startBase?: number;
  /** 32 bits a meeting when every length is a whole number of seconds below 2^32. */
  readonly seconds: Float64Array | Uint32Array;
  readonly licenseNames?: readonly string[];
  readonly roomLicense?: Uint32Array;
}

/** Rows converted between two pauses of the extension host's thread (a few milliseconds' work). */
export const ROWS_PER_SLICE = 65_536;

export function toWire(table: MeetingTable): WireTable {
  return runWhole(toWireSteps(table));
}

/** The wire form each table read by fromWire came in. */
const wireOf = new WeakMap<MeetingTable, WireTable>();

/**
 * The table the wire form holds, its columns used as they came (typed arrays): only starts sent as
 * seconds after a base are turned back into epoch milliseconds, one typed array in one pass. The
 * table remembers its wire form, so a table the report's worker sent goes on to the page as it
 * came, not converted back. Tables are never changed once built.
 */
export function fromWire(wire: WireTable): MeetingTable {
  const base = wire.startBase;
  let startedAt: Column = wire.startedAt;
  if (base !== undefined) {
    const ms = new Float64Array(wire.startedAt.length);
    for (let i = 0; i < ms.length; i++) ms[i] = base + wire.startedAt[i]! * 1000;
    startedAt = ms;
  }
  const table: MeetingTable = {
    roomNames: wire.roomNames,
    room: wire.room,
    startedAt,
    seconds: wire.seconds,
    ...(wire.licenseNames && wire.roomLicense && { licenseNames: wire.licenseNames, roomLicense: wire.roomLicense }),
  };
  wireOf.set(table, wire);
  return table;
}

/**
 * toWire, a slice of rows per task: the extension host's thread, which every extension shares,
 * never stops for a whole table. A table read by fromWire is given the form it was read from.
 */
export function toWireInSlices(table: MeetingTable): Promise<WireTable> {
  const known = wireOf.get(table);
  return known ? Promise.resolve(known) : runInSlices(toWireSteps(table));
}

/**
 * The conversion to the wire form, pausing (yield) after each ROWS_PER_SLICE rows of each pass.
 * Plain loops: at 100,000 meetings, `every` and `from` with a mapping function cost several times as much.
 */
function* toWireSteps(table: MeetingTable): Generator<void, WireTable> {
  const { room, startedAt, seconds } = table;
  const count = startedAt.length;
  let base = Number.POSITIVE_INFINITY;
  let wholeSeconds = count > 0;
  let wholeLengths = true;
  for (let from = 0; from < count; from += ROWS_PER_SLICE) {
    const to = Math.min(count, from + ROWS_PER_SLICE);
    for (let i = from; i < to; i++) {
      if (startedAt[i]! < base) base = startedAt[i]!;
      if (wholeLengths) wholeLengths = Number.isInteger(seconds[i]) && seconds[i]! <= 0xffff_ffff;
    }
    yield;
  }
  for (let from = 0; from < count && wholeSeconds; from += ROWS_PER_SLICE) {
    const to = Math.min(count, from + ROWS_PER_SLICE);
    for (let i = from; i < to && wholeSeconds; i++) {
      const after = startedAt[i]! - base;
      wholeSeconds = Number.isInteger(startedAt[i]) && after % 1000 === 0 && after / 1000 <= 0xffff_ffff;
    }
    yield;
  }
  const rooms = table.roomNames.length <= 0x1_0000 ? new Uint16Array(count) : new Uint32Array(count);
  const starts = wholeSeconds ? new Uint32Array(count) : new Float64Array(count);
  const lengths = wholeLengths ? new Uint32Array(count) : new Float64Array(count);
  for (let from = 0; from < count; from += ROWS_PER_SLICE) {
    const to = Math.min(count, from + ROWS_PER_SLICE);
    for (let i = from; i < to; i++) {
      rooms[i] = room[i]!;
      starts[i] = wholeSeconds ? (startedAt[i]! - base) / 1000 : startedAt[i]!;
      lengths[i] = seconds[i]!;
    }
    yield;
  }
  return {
    roomNames: table.roomNames,
    room: rooms,
    startedAt: starts,
    ...(wholeSeconds && { startBase: base }),
    seconds: lengths,
    ...(table.licenseNames && table.roomLicense && { licenseNames: table.licenseNames, roomLicense: Uint32Array.from(table.roomLicense) }),
  };
}

function runWhole<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps a slice per task (Node's setImmediate: for the extension host and the worker, not the page). */
async function runInSlices<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Epoch milliseconds, finer than Date.now(): performance.timeOrigin + performance.now(), the
 * machine's one clock, which the extension host, the report's worker and the page read alike. The
 * times the messages carry (`askedAt`, `receivedAt`, `drawnAt`) are on it.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A license of a report across licenses: its label, and why it failed when it did (then it has no meetings). */
export interface ReportLicense {
  /** The license's id, so that the page can ask for the same licenses after a reload. */
  readonly id: string;
  readonly label: string;
  readonly error?: string;
}

/** A report without its meetings: what the page draws first (totals, charts, notes). */
export interface ReportSummary {
  /** The days asked of the server (its own calendar). */
  readonly range: DateRange;
  /** Set when the report is for one room. */
  readonly room?: string;
  /** IANA zone the days are counted in. */
  readonly timeZone: string;
  readonly domain: string;
  /** How many meetings the table will have. */
  readonly meetings: number;
  readonly aggregates: Aggregates;
  readonly serverTotalSeconds: number;
  readonly totalsDiffer: boolean;
  /** Records the server sent that could not be read. */
  readonly skipped: number;
  readonly fetchedAt: number;
  /**
   * A report across licenses: every license asked, in the order of the table's `licenseNames`. One
   * that failed has its message here; the totals leave it out, and the page says so.
   */
  readonly licenses?: readonly ReportLicense[];
  /** The room limit the concurrency is measured against (across licenses: their sum), when known. */
  readonly limit?: CapacityLimit;
  /** The period of the same length just before, for the change of each figure; or why it failed. */
  readonly previous?: PreviousPeriod;
  readonly previousError?: string;
  /** This month so far and its forecast (across licenses: summed), when it could be had. */
  readonly month?: MonthForecast;
  /**
   * The period before and the month have been asked (each added, or failed): nothing more comes
   * for this report but its meetings.
   */
  readonly complete?: boolean;
}

/** The figures of the period before a report, counted when the report was loaded. */
export interface PreviousPeriod {
  readonly range: DateRange;
  readonly summary: UsageSummary;
  readonly peak: number;
  readonly perRoom: readonly RoomUsage[];
}

/**
 * The totals and per-day figures of the meetings of an answer read so far, days counted in
 * `timeZone`: the page draws them while the rest arrives, marked as not yet the report.
 */
export type FiguresSoFar = TotalsSoFar & { readonly timeZone: string };

/**
 * A report crosses to the page in two messages, so that totals and charts are drawn while the
 * meetings (100,000 of them) are still on their way: `report`, then `table` with the same id.
 */
export type HostMessage =
  /** Nothing asked yet: the panel opened while the user chooses the range, `range` filled in for them. */
  | { readonly type: 'choosing'; readonly range: DateRange; readonly room?: string }
  | { readonly type: 'loading'; readonly range: DateRange; readonly room?: string }
  /**
   * The load under way: meetings read and bytes received so far, of `totalBytes` when the servers
   * said; now and then, the figures of the meetings read so far (see FiguresSoFar).
   */
  | { readonly type: 'progress'; readonly records: number; readonly bytes: number; readonly totalBytes?: number; readonly soFar?: FiguresSoFar }
  | { readonly type: 'report'; readonly id: number; readonly report: ReportSummary }
  | { readonly type: 'table'; readonly id: number; readonly table: WireTable }
  | { readonly type: 'error'; readonly range: DateRange; readonly room?: string; readonly message: string };

export type PageMessage =
  /** The page is listening; `timeZone` is the user's own (the browser's), which the host may not share. */
  | { readonly type: 'ready'; readonly timeZone: string }
  /** `askedAt`: when the user clicked Show or pressed Enter (epoch ms, the page's clock, which is the machine's), where the report's timing starts. */
  | { readonly type: 'setRange'; readonly start: string; readonly end: string; readonly askedAt?: number }
  | { readonly type: 'setTimeZone'; readonly timeZone: string }
  | { readonly type: 'showAllRooms' }
  | { readonly type: 'retry' }
  /** Stop the load under way. */
  | { readonly type: 'cancel' }
  /** `concurrency`: the concurrent rooms over the range, as CSV. */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly query: TableQuery }
  /** Copy the report's figures to the clipboard as a Markdown table. */
  | { readonly type: 'copySummary' }
  /**
   * The page has drawn report `id` (`part` 'summary': totals and charts; 'table': the meetings
   * too): when its message arrived and when it was drawn, in epoch milliseconds (epochNow, the
   * clock the extension host reads too); for the report's timing in the log and the benchmark.
   */
  | { readonly type: 'rendered'; readonly part: 'summary' | 'table'; readonly id: number; readonly receivedAt: number; readonly drawnAt: number };

/** What the page keeps with VS Code's webview state, to come back after a reload. */
export interface PanelState {
  readonly range: DateRange;
  readonly room?: string;
  /** The IANA zone chosen on the page, when not the user's own. */
  readonly timeZone?: string;
  /** The ids of the licenses reported on, when not only the current one. */
  readonly licenses?: readonly string[];
  /** The page was waiting for its range to be chosen: nothing had been asked in it. */
  readonly choosing?: true;
}

export type ExportFormat = 'csv' | 'json' | 'concurrency';
const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'concurrency'];
const SORT_KEYS: readonly SortKey[] = ['room', 'startedAt', 'seconds'];

/**
 * The longest table filter a message may carry. The filter is often a whole room name (the rooms
 * table sets it on click), and room names are the server's: any bound shorter than a name would make
 * Export silently do nothing. The page holds its filter to the same bound.
 */
export const MAX_FILTER_LENGTH = 65_536;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isShortString(value: unknown, max = 200): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A message from the page, or undefined for anything malformed (it is then ignored). */
export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'setTimeZone':
      return isShortString(value.timeZone, 64) ? { type: value.type, timeZone: value.timeZone } : undefined;
    case 'setRange':
      return isShortString(value.start, 32) && isShortString(value.end, 32)
        ? { type: 'setRange', start: value.start, end: value.end, ...(isFiniteNumber(value.askedAt) && { askedAt: value.askedAt }) }
        : undefined;
    case 'showAllRooms':
    case 'retry':
    case 'cancel':
    case 'copySummary':
      return { type: value.type };
    case 'rendered':
      return isFiniteNumber(value.id) && isFiniteNumber(value.receivedAt) && isFiniteNumber(value.drawnAt) && (value.part === 'summary' || value.part === 'table')
        ? { type: 'rendered', part: value.part, id: value.id, receivedAt: value.receivedAt, drawnAt: value.drawnAt }
        : undefined;
    case 'export': {
      const query = value.query;
      if (!EXPORT_FORMATS.includes(value.format as ExportFormat) || !isRecord(query)) return undefined;
      if (!isShortString(query.filter, MAX_FILTER_LENGTH) || !SORT_KEYS.includes(query.sort as SortKey) || typeof query.descending !== 'boolean') return undefined;
      return { type: 'export', format: value.format as ExportFormat, query: { filter: query.filter, sort: query.sort as SortKey, descending: query.descending } };
    }
    default:
      return undefined;
  }
}

/** The panel state VS Code hands back after a reload, or undefined when it is not one of ours. */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (!isRecord(value) || !isRecord(value.range)) return undefined;
  const { start, end } = value.range;
  if (!isShortString(start, 32) || !isShortString(end, 32)) return undefined;
  return {
    range: { start, end },
    ...(isShortString(value.room, 1000) && { room: value.room }),
    // Earlier versions kept only a UTC switch.
    ...(isShortString(value.timeZone, 64) ? { timeZone: value.timeZone } : value.utc === true && { timeZone: 'UTC' }),
    ...(Array.isArray(value.licenses) && value.licenses.length <= 100 && value.licenses.every((id) => isShortString(id, 100)) && { licenses: value.licenses }),
    ...(value.choosing === true && { choosing: true }),
  };
}
