import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregate } from '../../../src/report/aggregate';
import { HOURS_PER_WEEK, weekHourSeconds } from '../../../src/report/heatmap';
import { weekdayOf } from '../../../src/shared/calendarDate';
import type { MeetingTable } from '../../../src/shared/reportTypes';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Seoul', 'Asia/Kolkata', 'Australia/Lord_Howe'];

function one(startedAt: string, seconds: number): MeetingTable {
  return { roomNames: ['a'], room: [0], startedAt: [Date.parse(startedAt)], seconds: [seconds] };
}

/** The non-empty cells as `weekday hour: seconds`, Monday 0. */
function cells(table: MeetingTable, zone: string): string[] {
  const found: string[] = [];
  weekHourSeconds(table, zone).forEach((seconds, cell) => {
    if (seconds > 0) found.push(`${Math.floor(cell / 24)} ${cell % 24}: ${seconds}`);
  });
  return found;
}

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('report/heatmap', () => {
  it('numbers weekdays from Monday: 1970-01-01 was a Thursday', () => {
    assert.equal(weekdayOf(0), 3);
    assert.equal(weekdayOf(4), 0);
    assert.equal(weekdayOf(-1), 2);
  });

  it("splits a meeting across the hours it spans: the document's gsdagd in Seoul", () => {
    // 2021-02-22 (Monday) 21:39:26 KST for 11:55:36, until 09:35:02 on Tuesday.
    const found = cells(one('2021-02-22T12:39:26Z', 42936), 'Asia/Seoul');
    assert.deepEqual(found.slice(0, 3), ['0 21: 1234', '0 22: 3600', '0 23: 3600']);
    assert.deepEqual(found.slice(-2), ['1 8: 3600', '1 9: 2102']);
    assert.equal(found.length, 13);
  });

  it('follows the clock in Kolkata (+05:30)', () => {
    assert.deepEqual(cells(one('2021-02-22T04:00:00Z', 3600), 'Asia/Kolkata'), ['0 9: 1800', '0 10: 1800']);
  });

  it('gives New York\'s skipped hour nothing on 2021-03-14, and its repeated hour both on 2021-11-07', () => {
    // 01:30 EST for 2 hours: 01:30–02:00, then the clock reads 03:00–04:30 EDT.
    assert.deepEqual(cells(one('2021-03-14T06:30:00Z', 7200), 'America/New_York'), ['6 1: 1800', '6 3: 3600', '6 4: 1800']);
    // 00:30 EDT for 3 hours: 00:30–01:00, 01:00–02:00 EDT, 01:00–02:00 EST, 02:00–02:30.
    assert.deepEqual(cells(one('2021-11-07T04:30:00Z', 3 * 3600), 'America/New_York'), ['6 0: 1800', '6 1: 7200', '6 2: 1800']);
  });

  it("skips Berlin's 02:00 on 2021-03-28", () => {
    assert.deepEqual(cells(one('2021-03-28T00:30:00Z', 3600), 'Europe/Berlin'), ['6 1: 1800', '6 3: 1800']);
  });

  it("follows Lord Howe's half-hour change (2021-10-03 02:00 → 02:30)", () => {
    // 01:30 +10:30 for one hour: 01:30–02:00, then 02:30–03:00 +11.
    assert.deepEqual(cells(one('2021-10-02T15:00:00Z', 3600), 'Australia/Lord_Howe'), ['6 1: 1800', '6 2: 1800']);
    // Back on 2021-04-04 at 02:00 +11 to 01:30 +10:30: 01:00–02:00, then 01:30–02:00 again.
    assert.deepEqual(cells(one('2021-04-03T14:00:00Z', 5400), 'Australia/Lord_Howe'), ['6 1: 5400']);
  });

  it('adds whole weeks of a very long meeting evenly, without a step per hour', () => {
    const found = weekHourSeconds(one('2021-02-22T00:00:00Z', 2 * 7 * 86400 + 1800), 'UTC');
    assert.equal(found[0], 2 * 3600 + 1800);
    assert.equal(found[1], 2 * 3600);
    assert.equal(sum(found), 2 * 7 * 86400 + 1800);
  });

  it('sums to the total in every zone, and so do the days and the rooms', () => {
    const minute = 60_000;
    const base = Date.parse('2021-03-01T00:00:00Z');
    const record = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 300 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 3600 }));
    fc.assert(fc.property(fc.array(record, { maxLength: 30 }), fc.constantFrom(...ZONES), (list, zone) => {
      const table: MeetingTable = {
        roomNames: ['a', 'b', 'c', 'd'],
        room: list.map(([room]) => room),
        startedAt: list.map(([, minutes]) => base + minutes * minute),
        seconds: list.map(([, , seconds]) => seconds),
      };
      const total = sum(table.seconds);
      const aggregates = aggregate(table, { start: '2021-03-01', end: '2021-12-31' }, zone);
      assert.equal(aggregates.weekHours.length, HOURS_PER_WEEK);
      assert.ok(Math.abs(sum(aggregates.weekHours) - total) < 1e-6, 'heatmap');
      assert.equal(aggregates.summary.totalSeconds, total);
      assert.equal(sum(aggregates.perDay.map((day) => day.seconds)), total, 'per day');
      assert.equal(sum(aggregates.perRoom.map((room) => room.seconds)), total, 'per room');
      // Per hour of the day (the heatmap's columns summed over the week).
      const perHour = Array.from({ length: 24 }, (_, hour) => sum(aggregates.weekHours.filter((_, cell) => cell % 24 === hour)));
      assert.ok(Math.abs(sum(perHour) - total) < 1e-6, 'per hour');
    }), { numRuns: 150 });
  });
});
