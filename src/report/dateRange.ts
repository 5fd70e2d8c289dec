/**
 * Calendar days of the usage report: presets, arithmetic on `YYYY-MM-DD` days, what is wrong with
 * a date a person typed, and what an instant's wall clock reads in a time zone.
 *
 * Pure ECMAScript + Intl: used by the extension (Node) and bundled into the webview (browser).
 * Days are computed on UTC dates, so no local time zone or daylight-saving change can shift them.
 */
import * as l10n from '@vscode/l10n';
import { calendarDayStart, isCalendarDate } from '../api/calendarDate';
import { DateRange } from './types';

export type PresetId = 'today' | 'yesterday' | 'last7' | 'last30' | 'thisMonth' | 'lastMonth';

/** Labels are getters: they are translated when read, after the l10n bundle is configured, not at import. */
export const PRESETS: readonly { readonly id: PresetId; readonly label: string }[] = [
  { id: 'today', get label() { return l10n.t('Today'); } },
  { id: 'yesterday', get label() { return l10n.t('Yesterday'); } },
  { id: 'last7', get label() { return l10n.t('Last 7 days'); } },
  { id: 'last30', get label() { return l10n.t('Last 30 days'); } },
  { id: 'thisMonth', get label() { return l10n.t('This month'); } },
  { id: 'lastMonth', get label() { return l10n.t('Last month'); } },
];

/** The longest range the report takes: 5 years. */
export const MAX_RANGE_DAYS = 1830;

const DAY_MS = 86_400_000;
/** Every time-zone offset in use since the 1970s, and every change of one, falls on a quarter hour. */
const SLOT_MS = 15 * 60_000;
/** Offsets change at most twice a year, never twice within 6 hours. */
const BLOCK_MS = 6 * 3_600_000;
/** Marks a block whose offset changes inside it. */
const CHANGES = Number.POSITIVE_INFINITY;
const MAX_CACHED_BLOCKS = 100_000; // about 68 years of 6-hour blocks per zone
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const numbers = new Intl.NumberFormat('en-US');

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** UTC midnight of a real `YYYY-MM-DD` day; throws RangeError for anything else. */
function dayStart(day: string): number {
  const start = calendarDayStart(day);
  if (start === undefined) throw new RangeError(`Not a calendar day: ${JSON.stringify(day)}`);
  return start;
}

/** `YYYY-MM-DD` of the UTC date at `ms` (years 0–9999). */
export function utcDay(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The day `days` after (or, negative, before) a real `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  return utcDay(dayStart(day) + days * DAY_MS);
}

/** How many days from `start` to `end`, both included: the same day is 1, `end` the day before `start` is 0. */
export function daysBetween(start: string, end: string): number {
  return Math.round((dayStart(end) - dayStart(start)) / DAY_MS) + 1;
}

/** Every day from `start` to `end`, both included; empty when `end` is before `start`. */
export function eachDay(start: string, end: string): string[] {
  const first = dayStart(start);
  const last = dayStart(end);
  const days: string[] = [];
  for (let ms = first; ms <= last; ms += DAY_MS) days.push(utcDay(ms));
  return days;
}

/* ---------- time zones ---------- */

/** Cache key of the runtime's own zone: no zone name has a NUL in it (and '' is no zone). */
const LOCAL = '\u0000local';
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, ZoneOffsets>();
/** The block last looked up, when its offset does not change within it. */
let lastZone: string | undefined;
let lastBlock = Number.NaN;
let lastOffset = 0;

/**
 * A zone's offsets, worked out lazily: one per 6-hour block when the offset is the same at the
 * starts of the block and the next one (all but the blocks holding a change), else one per
 * 15-minute slot of the block.
 */
interface ZoneOffsets {
  /** Offset at the start of a block. */
  readonly starts: Map<number, number>;
  /** Offset of the whole block, or CHANGES. */
  readonly blocks: Map<number, number>;
  readonly slots: Map<number, number>;
}

/** One formatter per zone: constructing an Intl.DateTimeFormat costs far more than using one. */
function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? LOCAL;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** en-US as it formats: `2/22/2021, 21:39:26`. */
const EN_US = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** The offset at `ms`, a whole second. */
function computeOffset(ms: number, timeZone: string | undefined): number {
  const formatter = formatterFor(timeZone);
  // format() and a pattern are three times faster than formatToParts(), which is the fallback
  // should some engine write en-US differently.
  const match = EN_US.exec(formatter.format(ms));
  let fields: number[];
  if (match) {
    fields = [match[3], match[1], match[2], match[4], match[5], match[6]].map(Number);
  } else {
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(ms)) parts[part.type] = Number(part.value);
    fields = [parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0];
  }
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return wall.getTime() - ms;
}

function blockStartOffset(cache: ZoneOffsets, block: number, timeZone: string | undefined): number {
  let offset = cache.starts.get(block);
  if (offset === undefined) {
    offset = computeOffset(block * BLOCK_MS, timeZone);
    cache.starts.set(block, offset);
  }
  return offset;
}

/** True for a time zone this runtime knows (an IANA name such as 'Asia/Seoul', or 'UTC'). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * How far the wall clock of `timeZone` (undefined: the runtime's own zone) is ahead of UTC at the
 * instant `ms`, in milliseconds: Seoul +32,400,000. Offsets, and the instants they change at,
 * are whole quarter hours (historical local mean times before the 1970s aside), so the answer is
 * the same for a whole 15-minute slot; it is worked out with Intl once per 6-hour block where the
 * offset does not change within the block, once per slot where it does, and then looked up.
 * Throws RangeError for an unknown zone.
 */
export function zoneOffsetMs(ms: number, timeZone: string | undefined): number {
  if (timeZone === 'UTC') return 0;
  const key = timeZone ?? LOCAL;
  const block = Math.floor(ms / BLOCK_MS);
  if (block === lastBlock && key === lastZone) return lastOffset; // meetings often come in time order
  let cache = offsetCaches.get(key);
  if (!cache) {
    formatterFor(timeZone); // an unknown zone throws here, before anything is cached
    cache = { starts: new Map(), blocks: new Map(), slots: new Map() };
    offsetCaches.set(key, cache);
  }
  let offset = cache.blocks.get(block);
  if (offset === undefined) {
    if (cache.starts.size >= MAX_CACHED_BLOCKS) {
      cache.starts.clear();
      cache.blocks.clear();
      cache.slots.clear();
    }
    const first = blockStartOffset(cache, block, timeZone);
    offset = first === blockStartOffset(cache, block + 1, timeZone) ? first : CHANGES;
    cache.blocks.set(block, offset);
  }
  if (offset !== CHANGES) {
    lastZone = key;
    lastBlock = block;
    lastOffset = offset;
    return offset;
  }
  const slot = Math.floor(ms / SLOT_MS);
  offset = cache.slots.get(slot);
  if (offset === undefined) {
    if (cache.slots.size >= MAX_CACHED_BLOCKS) cache.slots.clear();
    offset = computeOffset(slot * SLOT_MS, timeZone);
    cache.slots.set(slot, offset);
  }
  return offset;
}

/** The calendar day `YYYY-MM-DD` at `now` in an IANA zone (undefined: the runtime's own zone). */
export function todayIn(timeZone: string | undefined, now: number): string {
  return utcDay(now + zoneOffsetMs(now, timeZone));
}

/* ---------- presets ---------- */

/** The days a preset stands for, `today` being a real `YYYY-MM-DD` day in the report's zone. */
export function presetRange(id: PresetId, today: string): DateRange {
  switch (id) {
    case 'today':
      return { start: today, end: today };
    case 'yesterday': {
      const yesterday = addDays(today, -1);
      return { start: yesterday, end: yesterday };
    }
    case 'last7':
      return { start: addDays(today, -6), end: today };
    case 'last30':
      return { start: addDays(today, -29), end: today };
    case 'thisMonth':
      return { start: `${today.slice(0, 8)}01`, end: today };
    case 'lastMonth': {
      const lastOfPrevious = addDays(`${today.slice(0, 8)}01`, -1);
      return { start: `${lastOfPrevious.slice(0, 8)}01`, end: lastOfPrevious };
    }
  }
}

/* ---------- checking what a person typed ---------- */

/** Undefined when `text` (trimmed) is a real `YYYY-MM-DD` day; otherwise what is wrong, in a sentence. */
export function dateProblem(text: string, label: 'start' | 'end'): string | undefined {
  const day = text.trim();
  if (!DAY_PATTERN.test(day)) {
    return label === 'start'
      ? l10n.t('Enter the start date as YYYY-MM-DD, for example 2021-02-20.')
      : l10n.t('Enter the end date as YYYY-MM-DD, for example 2021-02-20.');
  }
  if (!isCalendarDate(day)) return l10n.t('{0} is not a real date.', day);
  return undefined;
}

/**
 * Undefined when the report can ask for `start`..`end` (trimmed); otherwise what is wrong, in a
 * sentence. An end after `today` is fine: it means "until now".
 */
export function rangeProblem(start: string, end: string, today: string): string | undefined {
  const problem = dateProblem(start, 'start') ?? dateProblem(end, 'end');
  if (problem) return problem;
  const first = start.trim();
  const last = end.trim();
  if (last < first) return l10n.t('The end date {0} is before the start date {1}.', last, first);
  if (first > today) return l10n.t('The start date {0} is in the future; there is no usage yet.', first);
  const days = daysBetween(first, last);
  if (days > MAX_RANGE_DAYS) return l10n.t('Choose a range of at most 5 years (this one is {0} days).', numbers.format(days));
  return undefined;
}

/** "2021-02-20 – 2021-02-25 (6 days)"; one day: "2021-02-20 (1 day)". */
export function describeRange(range: DateRange): string {
  const days = daysBetween(range.start, range.end);
  // One day is exactly start === end (both are real days, or daysBetween has thrown).
  return days === 1
    ? l10n.t('{0} (1 day)', range.start)
    : l10n.t('{0} – {1} ({2} days)', range.start, range.end, numbers.format(days));
}
