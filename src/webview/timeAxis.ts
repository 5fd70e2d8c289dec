/**
 * The concurrency chart's time-axis labels in the page's own style, where uPlot's defaults are
 * American English whatever the page's language (2/22/21, 9pm, Feb): dates as 2021-02-22 and a
 * 24-hour clock, as in the page's tables, and month names in the page's language.
 */
import uPlot from 'uplot';

/** uPlot's tick templates (see its _timeAxisStamps) and what each becomes; the longer ones first. */
const REWRITES: readonly (readonly [string, string])[] = [
  ['{M}/{D}/{YY}', '{YYYY}-{MM}-{DD}'],
  ['{M}/{D}', '{MM}-{DD}'],
  ['{h}:{mm}{aa}', '{HH}:{mm}'],
  ['{h}{aa}', '{HH}:{mm}'],
];

export function isoTemplate(template: string): string {
  return REWRITES.reduce((result, [from, to]) => result.split(from).join(to), template);
}

/** Month and weekday names in `language` (a BCP 47 tag; the runtime's own when empty). */
function dateNames(language: string | undefined): uPlot.DateNames {
  const names = (options: Intl.DateTimeFormatOptions, count: number, date: (index: number) => number) => {
    const format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    return Array.from({ length: count }, (_, index) => format.format(date(index)));
  };
  const month = (index: number) => Date.UTC(2021, index, 1);
  // 2021-02-21 was a Sunday, uPlot's weekday 0.
  const weekday = (index: number) => Date.UTC(2021, 1, 21 + index);
  return {
    MMMM: names({ month: 'long' }, 12, month),
    MMM: names({ month: 'short' }, 12, month),
    WWWW: names({ weekday: 'long' }, 7, weekday),
    WWW: names({ weekday: 'short' }, 7, weekday),
  };
}

/** A uPlot `fmtDate` option: each tick template in the page's style and language. */
export function axisDateFormat(language: string | undefined): (template: string) => (date: Date) => string {
  const names = dateNames(language);
  return (template) => uPlot.fmtDate(isoTemplate(template), names);
}
