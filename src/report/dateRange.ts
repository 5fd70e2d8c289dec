/**
 * The days a usage report covers: presets, arithmetic on `YYYY-MM-DD` days, and the one check of
 * a range a person typed or a caller passed. (What an instant's wall clock reads in a zone is
 * timeZone.ts.) Pure ECMAScript + Intl: used by the extension host and bundled into the page.
 */
import * as l10n from '@vscode/l10n';
import { calendarDayStart, DAY_FORM, DAY_MS, isCalendarDate, utcDay } from '../shared/calendarDate';
import { type DateRange } from '../shared/reportTypes';

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

const numbers = new Intl.NumberFormat('en-US');

/** UTC midnight of a real `YYYY-MM-DD` day; throws RangeError for anything else. */
function dayStart(day: string): number {
  const start = calendarDayStart(day);
  if (start === undefined) throw new RangeError(`Not a calendar day: ${JSON.stringify(day)}`);
  return start;
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
  if (!DAY_FORM.test(day)) {
    return label === 'start'
      ? l10n.t('Enter the start date as YYYY-MM-DD, for example 2021-02-20.')
      : l10n.t('Enter the end date as YYYY-MM-DD, for example 2021-02-20.');
  }
  if (!isCalendarDate(day)) return l10n.t('{0} is not a real date.', day);
  return undefined;
}

/** A range the report can ask for, trimmed; or what is wrong with it, in a sentence. */
export type RangeCheck = { readonly range: DateRange; readonly problem?: undefined } | { readonly range?: undefined; readonly problem: string };

/**
 * The one check of a range typed or passed in, for every way into the report (quick pick,
 * command argument, the page): both days real, in order, at most 5 years, not starting in the
 * future. An end after `today` is fine: it means "until now". The range it gives back is trimmed,
 * so what was checked is exactly what is asked for.
 */
export function checkRange(start: string, end: string, today: string): RangeCheck {
  const problem = dateProblem(start, 'start') ?? dateProblem(end, 'end');
  if (problem) return { problem };
  const first = start.trim();
  const last = end.trim();
  if (last < first) return { problem: l10n.t('The end date {0} is before the start date {1}.', last, first) };
  if (first > today) return { problem: l10n.t('The start date {0} is in the future; there is no usage yet.', first) };
  const days = daysBetween(first, last);
  if (days > MAX_RANGE_DAYS) return { problem: l10n.t('Choose a range of at most 5 years (this one is {0} days).', numbers.format(days)) };
  return { range: { start: first, end: last } };
}

/** What checkRange finds wrong, for input boxes that want a message or undefined. */
export function rangeProblem(start: string, end: string, today: string): string | undefined {
  return checkRange(start, end, today).problem;
}

/** "2021-02-20 – 2021-02-25 (6 days)"; one day: "2021-02-20 (1 day)". */
export function describeRange(range: DateRange): string {
  const days = daysBetween(range.start, range.end);
  // One day is exactly start === end (both are real days, or daysBetween has thrown).
  return days === 1
    ? l10n.t('{0} (1 day)', range.start)
    : l10n.t('{0} – {1} ({2} days)', range.start, range.end, numbers.format(days));
}
