/**
 * Meeting time by weekday and hour of the wall clock in a zone: a meeting from 09:40 to 11:10 adds
 * 20 minutes to 09:00, 60 to 10:00 and 10 to 11:00, on the weekday each part fell on. Hours follow
 * the zone's clock through daylight-saving changes (an hour skipped gets nothing that day; an hour
 * repeated gets both). Whole meetings count, wherever they fall: the heatmap's total is the report's.
 * Pure ECMAScript + Intl: used by the extension host and the page alike.
 */
import { DAY_MS, weekdayOf } from '../shared/calendarDate';
import type { MeetingTable } from '../shared/reportTypes';
import { zoneOffsetMs } from './timeZone';

const HOUR_MS = 3_600_000;
const SLOT_MS = 15 * 60_000;
const WEEK_MS = 7 * DAY_MS;
export const HOURS_PER_WEEK = 7 * 24;

/**
 * Seconds of meeting per weekday and hour, `cells[weekday * 24 + hour]`, Monday 0 … Sunday 6.
 */
export function weekHourSeconds(table: MeetingTable, timeZone: string): Float64Array {
  const cells = new Float64Array(HOURS_PER_WEEK);
  addWeekHours(cells, table, 0, table.startedAt.length, timeZone);
  return cells;
}

/**
 * Adds the meetings `from` (included) to `to` (excluded) of `table` to `cells` (as weekHourSeconds
 * counts them): a table read a batch at a time is counted a batch at a time.
 */
export function addWeekHours(cells: Float64Array, table: MeetingTable, from: number, to: number, timeZone: string): void {
  const { startedAt, seconds } = table;
  for (let i = from; i < to; i++) {
    let at = startedAt[i]!;
    let left = seconds[i]! * 1000;
    if (!(left > 0)) continue;
    // A meeting longer than a week (a server may say anything) adds its whole weeks evenly, so
    // that no record costs more than a week of hourly steps.
    const weeks = Math.floor(left / WEEK_MS);
    if (weeks > 0) {
      for (let c = 0; c < HOURS_PER_WEEK; c++) cells[c] = cells[c]! + weeks * 3600;
      left -= weeks * WEEK_MS;
      at += weeks * WEEK_MS;
    }
    while (left > 0) {
      const offset = zoneOffsetMs(at, timeZone);
      const wall = at + offset;
      const hourStart = Math.floor(wall / HOUR_MS) * HOUR_MS;
      let part = Math.min(left, hourStart + HOUR_MS - wall);
      // An offset that changes within the hour (not on it) does so on a quarter hour: stop there.
      if (zoneOffsetMs(at + part - 1, timeZone) !== offset) part = Math.min(part, (Math.floor(at / SLOT_MS) + 1) * SLOT_MS - at);
      const day = Math.floor(hourStart / DAY_MS);
      const cell = weekdayOf(day) * 24 + (hourStart - day * DAY_MS) / HOUR_MS;
      cells[cell] = cells[cell]! + part / 1000;
      left -= part;
      at += part;
    }
  }
}
