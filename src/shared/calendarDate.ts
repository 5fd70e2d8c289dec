/**
 * Calendar days as the API takes them and the report shows them: `YYYY-MM-DD`, a day that exists,
 * computed on UTC dates so that no local time zone or daylight-saving change can shift them.
 * Pure ECMAScript: used by the API client, the report maths and the page alike.
 */

export const DAY_MS = 86_400_000;

/** The form a day is written in (`2021-02-20`), whether or not the day exists. */
export const DAY_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
/** About 270 years of day texts; a report spans at most 5 years, so the cache is only a guard. */
const MAX_CACHED_DAYS = 100_000;
const dayTexts = new Map<number, string>();

/** `value` with leading zeros to `width` digits: pad(7) is "07". */
export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** UTC midnight of a real calendar day in `YYYY-MM-DD` form, in epoch milliseconds; undefined for anything else. */
export function calendarDayStart(value: string): number | undefined {
  const match = DAY_FORM.exec(value);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are (not as 1900–1999).
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // A day or month out of range (00 included) rolls over into another month, so the month alone
  // tells: the year and the day need no check.
  return date.getUTCMonth() === month - 1 ? date.getTime() : undefined;
}

/** The day count from 1970-01-01 of a real `YYYY-MM-DD` day (dayText's inverse); NaN for anything else. */
export function dayNumberOf(day: string): number {
  const start = calendarDayStart(day);
  return start === undefined ? Number.NaN : Math.round(start / DAY_MS);
}

/** True for a real calendar day in `YYYY-MM-DD` form (2021-02-28 yes; 2021-02-30 and 2021-2-3 no). */
export function isCalendarDate(value: string): boolean {
  return calendarDayStart(value) !== undefined;
}

/** `YYYY-MM-DD` of the UTC date at `ms` (years 0–9999). */
export function utcDay(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * `YYYY-MM-DD` of a day counted from 1970-01-01 (day 0). Each day's text is made once: a report
 * asks for the same few hundred days 100,000 times.
 */
export function dayText(dayNumber: number): string {
  let text = dayTexts.get(dayNumber);
  if (text === undefined) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: a memory guard only; clearing early or never gives the same texts
    if (dayTexts.size >= MAX_CACHED_DAYS) dayTexts.clear();
    text = utcDay(dayNumber * DAY_MS);
    dayTexts.set(dayNumber, text);
  }
  return text;
}

/** Monday 0 … Sunday 6 of a day counted from 1970-01-01 (a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}
