/**
 * What an instant's wall clock reads in a time zone, fast enough for 100,000 meetings: a zone's
 * offset is worked out with Intl once per 6-hour block (or 15-minute slot around a change) and
 * then looked up. Pure ECMAScript + Intl: used by the extension host and the page alike.
 */
import { DAY_MS, utcDay } from '../shared/calendarDate';

/** Every time-zone offset in use since the 1970s, and every change of one, falls on a quarter hour. */
// Stryker disable next-line ArithmeticOperator: a smaller slot only costs more look-ups, with the same offsets
const SLOT_MS = 15 * 60_000;
/** Offsets change at most twice a year, never twice within 6 hours. */
const BLOCK_MS = 6 * 3_600_000;
/** Marks a block whose offset changes inside it. */
const CHANGES = Number.POSITIVE_INFINITY;
const MAX_CACHED_BLOCKS = 100_000; // about 68 years of 6-hour blocks per zone

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
// Stryker disable next-line Regex: a fast path; whatever a looser or stricter pattern misses takes formatToParts to the same fields
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
    // Stryker disable next-line all: the fallback for an engine that writes en-US otherwise; V8 (Node, Chromium) never takes it
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
  // Stryker disable next-line ConditionalExpression: a cache; computing again gives the same offset
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
  // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path; Intl gives UTC an offset of 0 too
  if (timeZone === 'UTC') return 0;
  const key = timeZone ?? LOCAL;
  const block = Math.floor(ms / BLOCK_MS);
  if (block === lastBlock && key === lastZone) return lastOffset; // meetings often come in time order
  let cache = offsetCaches.get(key);
  // Stryker disable all: the caches below change how often Intl is asked, never the offset it gives
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
    // Stryker restore all
    const first = blockStartOffset(cache, block, timeZone);
    offset = first === blockStartOffset(cache, block + 1, timeZone) ? first : CHANGES;
    // Stryker disable next-line CallExpression: a cache (see above)
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
    // Stryker disable next-line all: a memory guard (see above)
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

/** The day, counted from 1970-01-01, that the wall clock of `timeZone` shows at the instant `ms`. */
export function dayNumberIn(ms: number, timeZone: string | undefined): number {
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / DAY_MS);
}


/**
 * The first instant of a day (counted from 1970-01-01) on the wall clock of `timeZone`: its
 * midnight, or, where a change of offset skips midnight, the first instant the clock shows that day.
 */
export function dayStartIn(dayNumber: number, timeZone: string | undefined): number {
  const wall = dayNumber * DAY_MS;
  // The offset an instant near that midnight has, then the offset at the instant it gives: the two
  // differ only when a change lies between them, and then the second is the one in force.
  let start = wall - zoneOffsetMs(wall, timeZone);
  start = wall - zoneOffsetMs(start, timeZone);
  // A skipped midnight (the clock jumps from 23:30 to 00:30, say) reads as the day before: move on
  // to the first quarter hour that the clock shows as this day.
  while (dayNumberIn(start, timeZone) < dayNumber) start += 15 * 60_000;
  // And a midnight that comes twice? The earlier of two: step back while the day is still the same.
  while (dayNumberIn(start - 15 * 60_000, timeZone) === dayNumber) start -= 15 * 60_000;
  return start;
}
