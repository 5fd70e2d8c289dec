import * as assert from 'node:assert/strict';
import { toMeetingTable } from '../../../src/report/aggregate';
import { forecastRange, monthForecast } from '../../../src/report/monthForecast';

const HOUR = 3600;

/** One meeting of `hours` at 10:00 UTC on each given day. */
function daily(days: readonly string[], hours: number) {
  return toMeetingTable(days.map((day) => ({ roomName: 'a', createdAt: `${day}T10:00:00Z`, seconds: hours * HOUR })));
}

function daysOf(start: string, end: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(start); t <= Date.parse(end); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

describe('report/monthForecast', () => {
  it('asks from the first of last month to today, across a new year', () => {
    assert.deepEqual(forecastRange('2021-03-14'), { start: '2021-02-01', end: '2021-03-14' });
    assert.deepEqual(forecastRange('2021-01-01'), { start: '2020-12-01', end: '2021-01-01' });
  });

  it('forecasts a steady pace as the same pace to the month end', () => {
    // Two hours every day since 1 February; on Wednesday 2021-03-10 at noon UTC.
    const table = daily(daysOf('2021-02-01', '2021-03-10'), 2);
    const figures = monthForecast(table, 'UTC', Date.parse('2021-03-10T12:00:00Z'));
    assert.equal(figures.month, '2021-03');
    assert.equal(figures.soFarSeconds, 10 * 2 * HOUR);
    // The rest of today (half) and 21 days left, at 2 h each.
    assert.equal(figures.forecastSeconds, (10 + 0.5 + 21) * 2 * HOUR);
    assert.deepEqual(figures.lastMonth, { month: '2021-02', totalSeconds: 28 * 2 * HOUR, toSameDaySeconds: 10 * 2 * HOUR });
    assert.deepEqual(figures.weekdayAverages, [2, 2, 2, 2, 2, 2, 2].map((h) => h * HOUR));
  });

  it('weights the days left by weekday: weekdays only forecasts no weekend use', () => {
    const weekdays = daysOf('2021-02-01', '2021-03-10').filter((day) => ![0, 6].includes(new Date(day).getUTCDay()));
    const figures = monthForecast(daily(weekdays, 3), 'UTC', Date.parse('2021-03-10T23:59:59.999Z'));
    // 11–31 March 2021: 15 weekdays (Thu 11 … Wed 31).
    assert.equal(Math.round(figures.forecastSeconds - figures.soFarSeconds), 15 * 3 * HOUR);
    assert.equal(figures.weekdayAverages[5], 0);
    assert.equal(figures.weekdayAverages[0], 3 * HOUR);
  });

  it('compares with last month up to its last day when it is shorter', () => {
    const figures = monthForecast(daily(daysOf('2021-02-01', '2021-03-31'), 1), 'UTC', Date.parse('2021-03-31T12:00:00Z'));
    assert.equal(figures.lastMonth.toSameDaySeconds, 28 * HOUR);
    assert.equal(figures.lastMonth.totalSeconds, 28 * HOUR);
    assert.equal(figures.forecastSeconds, figures.soFarSeconds + 0.5 * HOUR);
  });

  it('counts days in the zone asked: in Seoul, 23:30 UTC on the last of February is already 1 March', () => {
    const table = toMeetingTable([{ roomName: 'a', createdAt: '2021-02-28T23:30:00Z', seconds: HOUR }]);
    assert.equal(monthForecast(table, 'Asia/Seoul', Date.parse('2021-03-01T03:00:00Z')).soFarSeconds, HOUR);
    assert.equal(monthForecast(table, 'UTC', Date.parse('2021-03-01T03:00:00Z')).soFarSeconds, 0);
    assert.equal(monthForecast(table, 'UTC', Date.parse('2021-03-01T03:00:00Z')).lastMonth.totalSeconds, HOUR);
  });

  it('forecasts nothing more for a license with no history', () => {
    const figures = monthForecast(toMeetingTable([]), 'UTC', Date.parse('2021-03-10T12:00:00Z'));
    assert.equal(figures.forecastSeconds, 0);
    assert.equal(figures.lastMonth.totalSeconds, 0);
  });
});
