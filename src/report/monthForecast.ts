/**
 * This month's usage so far, where it will end at this pace, and last month beside it, from the
 * meetings of the first day of last month to today. The forecast is meant to be explained in one
 * sentence: the rest of the month, day by day, at the average of the same weekday over the last
 * four full weeks (so a month with many weekends left is forecast lower than one with many
 * weekdays). Days are counted in `timeZone`, by the day a meeting started, as in the report.
 * Pure ECMAScript + Intl: used by the extension host and the page alike.
 */
import { DAY_MS, dayNumberOf, dayText, weekdayOf } from '../shared/calendarDate';
import type { DateRange, MeetingTable, MonthForecast } from '../shared/reportTypes';
import { dayNumberIn, dayStartIn } from './timeZone';

/** The days to ask the server for: the first of last month to today. */
export function forecastRange(today: string): DateRange {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month - 2, 1));
  return { start: dayText(Math.round(last.getTime() / DAY_MS)), end: today };
}

/** The month figures at `now`, from `table` (the meetings of forecastRange) in `timeZone` (undefined: the runtime's own). */
export function monthForecast(table: Pick<MeetingTable, 'startedAt' | 'seconds'>, timeZone: string | undefined, now: number): MonthForecast {
  const today = dayNumberIn(now, timeZone);
  const todayText = dayText(today);
  const monthStart = dayNumberOf(`${todayText.slice(0, 8)}01`);
  const dayOfMonth = today - monthStart; // 0 on the first
  const lastMonthStart = dayNumberOf(forecastRange(todayText).start);
  const lastMonthDays = monthStart - lastMonthStart;
  const nextMonth = new Date(monthStart * DAY_MS);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const monthEnd = Math.round(nextMonth.getTime() / DAY_MS); // the day after this month's last

  const perDay = new Map<number, number>();
  for (let i = 0; i < table.startedAt.length; i++) {
    const day = dayNumberIn(table.startedAt[i]!, timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + table.seconds[i]!);
  }
  const sum = (from: number, to: number) => {
    let total = 0;
    for (let day = from; day < to; day++) total += perDay.get(day) ?? 0;
    return total;
  };
  const weekdayAverages = [0, 0, 0, 0, 0, 0, 0];
  for (let day = today - 28; day < today; day++) {
    const weekday = weekdayOf(day);
    weekdayAverages[weekday] = weekdayAverages[weekday]! + (perDay.get(day) ?? 0) / 4;
  }

  const soFarSeconds = sum(monthStart, today + 1);
  // The part of today still to come, then each day left, at its weekday's average.
  const todayStart = dayStartIn(today, timeZone);
  const todayLength = dayStartIn(today + 1, timeZone) - todayStart;
  const todayLeft = Math.min(1, Math.max(0, (todayStart + todayLength - now) / todayLength));
  let rest = weekdayAverages[weekdayOf(today)]! * todayLeft;
  for (let day = today + 1; day < monthEnd; day++) rest += weekdayAverages[weekdayOf(day)]!;
  return {
    month: todayText.slice(0, 7),
    soFarSeconds,
    forecastSeconds: soFarSeconds + rest,
    lastMonth: {
      month: dayText(lastMonthStart).slice(0, 7),
      totalSeconds: sum(lastMonthStart, monthStart),
      toSameDaySeconds: sum(lastMonthStart, lastMonthStart + Math.min(dayOfMonth + 1, lastMonthDays)),
    },
    weekdayAverages,
  };
}
