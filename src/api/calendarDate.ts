/** Calendar dates as the usage endpoint takes them: `YYYY-MM-DD`, a day that exists. */

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a real calendar day in `YYYY-MM-DD` form, in epoch milliseconds; undefined for anything else. */
export function calendarDayStart(value: string): number | undefined {
  const match = PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are (not as 1900–1999).
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // A day or month out of range rolls over into the next month, so the year needs no check.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.getTime() : undefined;
}

/** True for a real calendar day in `YYYY-MM-DD` form (2021-02-28 yes; 2021-02-30 and 2021-2-3 no). */
export function isCalendarDate(value: string): boolean {
  return calendarDayStart(value) !== undefined;
}
