/**
 * Calendar days of the usage report: presets, arithmetic on `YYYY-MM-DD` days, what is wrong with
 * a date a person typed, and what an instant's wall clock reads in a time zone.
 *
 * Pure ECMAScript + Intl: used by the extension (Node) and bundled into the webview (browser).
 * Days are computed on UTC dates, so no local time zone or daylight-saving change can shift them.
 */
import { isCalendarDate } from '../api/calendarDate';
import { DateRange } from './types';

export type PresetId = 'today' | 'yesterday' | 'last7' | 'last30' | 'thisMonth' | 'lastMonth';

export const PRESETS: readonly { readonly id: PresetId; readonly label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'last7', label: 'Last 7 days' },
  { id: 'last30', label: 'Last 30 days' },
  { id: 'thisMonth', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
];

/** The longest range the report takes: 5 years. */
export const MAX_RANGE_DAYS = 1830;

const DAY_MS = 86_400_000;
/** Every time-zone offset in use since the 1970s, and every change of one, falls on a quarter hour. */
const SLOT_MS = 15 * 60_000;
const MAX_CACHED_SLOTS = 400_000; // about 11 years of quarter hours per zone
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const numbers = new Intl.NumberFormat('en-US');

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** UTC midnight of a real `YYYY-MM-DD` day; throws RangeError for anything else. */
function dayStart(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match || !isCalendarDate(day)) throw new RangeError(`Not a calendar day: ${JSON.stringify(day)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
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

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();

/** One formatter per zone: constructing an Intl.DateTimeFormat costs far more than using one. */
function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
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

/** The offset at `ms`, a whole second. */
function computeOffset(ms: number, timeZone: string | undefined): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1);
  wall.setUTCHours(fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, 0);
  return wall.getTime() - ms;
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
 * instant `ms`, in milliseconds: Seoul +32,400,000. Offsets and their changes fall on quarter
 * hours (historical local mean times before the 1970s aside), so the answer is worked out once
 * per zone and 15-minute slot and then looked up. Throws RangeError for an unknown zone.
 */
export function zoneOffsetMs(ms: number, timeZone: string | undefined): number {
  if (timeZone === 'UTC') return 0;
  const key = timeZone ?? '';
  let cache = offsetCaches.get(key);
  if (!cache) {
    formatterFor(timeZone); // an unknown zone throws here, before anything is cached
    cache = new Map();
    offsetCaches.set(key, cache);
  }
  const slot = Math.floor(ms / SLOT_MS);
  let offset = cache.get(slot);
  if (offset === undefined) {
    if (cache.size >= MAX_CACHED_SLOTS) cache.clear();
    offset = computeOffset(slot * SLOT_MS, timeZone);
    cache.set(slot, offset);
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
  if (!DAY_PATTERN.test(day)) return `Enter the ${label} date as YYYY-MM-DD, for example 2021-02-20.`;
  if (!isCalendarDate(day)) return `${day} is not a real date.`;
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
  if (last < first) return `The end date ${last} is before the start date ${first}.`;
  if (first > today) return `The start date ${first} is in the future; there is no usage yet.`;
  const days = daysBetween(first, last);
  if (days > MAX_RANGE_DAYS) return `Choose a range of at most 5 years (this one is ${numbers.format(days)} days).`;
  return undefined;
}

/** "2021-02-20 – 2021-02-25 (6 days)"; one day: "2021-02-20 (1 day)". */
export function describeRange(range: DateRange): string {
  const days = daysBetween(range.start, range.end);
  const count = days === 1 ? '1 day' : `${numbers.format(days)} days`;
  return range.start === range.end ? `${range.start} (${count})` : `${range.start} – ${range.end} (${count})`;
}
