import * as assert from 'node:assert/strict';
import { toMeetingTable } from '../../../src/report/aggregate';
import { capacityOf, rangeWindow, warningCount } from '../../../src/report/capacity';
import { dayStartIn } from '../../../src/report/timeZone';
import type { MeetingTable } from '../../../src/shared/reportTypes';

/** The document's sample: v1/static for 2021-02-20..2021-02-25. */
const SAMPLE = toMeetingTable([
  { roomName: 'gsdagd', seconds: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
  { roomName: 'test', seconds: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
  { roomName: 'test', seconds: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
  { roomName: '12312', seconds: 610, createdAt: '2021-02-21T02:34:52.000Z' },
]);
const SAMPLE_RANGE = { start: '2021-02-20', end: '2021-02-25' };
const HOUR = 3_600_000;

function meetings(list: readonly (readonly [string, string, number])[]): MeetingTable {
  return toMeetingTable(list.map(([roomName, createdAt, minutes]) => ({ roomName, createdAt, seconds: minutes * 60 })));
}

describe('report/capacity', () => {
  it("finds the document's sample peak: 1 room, first at 2021-02-21 02:34:52 UTC, and gsdagd from 12:39 on the 22nd overlapping nothing", () => {
    const capacity = capacityOf(SAMPLE, SAMPLE_RANGE, 'UTC', { roomLimit: 10, warningPercent: 80 });
    assert.equal(capacity.peak, 1);
    assert.equal(capacity.peakAt, Date.parse('2021-02-21T02:34:52Z'));
    assert.deepEqual(capacity.perDay.map((day) => `${day.day}:${day.peak}`), ['2021-02-20:0', '2021-02-21:1', '2021-02-22:1', '2021-02-23:1', '2021-02-24:0', '2021-02-25:0']);
    const the22nd = capacity.perDay[2]!;
    assert.equal(the22nd.at, Date.parse('2021-02-22T00:12:58Z'));
    assert.equal(capacity.clipped, 0);
    assert.equal(capacity.atLimitMs, 0);
    assert.equal(capacity.atWarningMs, 0);
    assert.equal(capacity.warningRooms, 8);
  });

  it('reads the same sample in Seoul: gsdagd starts at 21:39 on the 22nd and runs into the 23rd', () => {
    const capacity = capacityOf(SAMPLE, SAMPLE_RANGE, 'Asia/Seoul', undefined);
    assert.equal(capacity.perDay[2]!.at, Date.parse('2021-02-22T00:12:58Z'), '09:12:58 KST');
    assert.equal(capacity.perDay[3]!.peak, 1);
    assert.equal(capacity.perDay[3]!.at, Date.parse('2021-02-22T15:00:00Z'), 'midnight KST, still in gsdagd');
    assert.equal(capacity.limit, undefined);
    assert.equal(capacity.atLimitMs, undefined);
  });

  it('cuts meetings at the edges of the range in its zone, and counts them', () => {
    const table = meetings([['a', '2021-02-19T23:00:00Z', 120], ['b', '2021-02-20T12:00:00Z', 60], ['c', '2021-02-20T23:30:00Z', 60]]);
    const capacity = capacityOf(table, { start: '2021-02-20', end: '2021-02-20' }, 'UTC', undefined);
    assert.equal(capacity.clipped, 2);
    assert.equal(capacity.perDay.length, 1);
    assert.equal(capacity.peakAt, Date.parse('2021-02-20T00:00:00Z'));
  });

  it('adds up the time near and at the limit, and the days it happened on', () => {
    const table = meetings([
      ['a', '2021-03-01T09:00:00Z', 120], ['b', '2021-03-01T10:00:00Z', 60], ['c', '2021-03-01T10:30:00Z', 10],
      ['a', '2021-03-02T09:00:00Z', 60], ['b', '2021-03-02T09:00:00Z', 30],
    ]);
    const capacity = capacityOf(table, { start: '2021-03-01', end: '2021-03-03' }, 'UTC', { roomLimit: 3, warningPercent: 60 });
    assert.equal(capacity.warningRooms, 2);
    assert.equal(capacity.atWarningMs, HOUR + HOUR / 2);
    assert.equal(capacity.atWarningDays, 2);
    assert.equal(capacity.atLimitMs, HOUR / 6);
    assert.equal(capacity.atLimitDays, 1);
    assert.deepEqual(capacity.perDay.map((day) => day.peak), [3, 2, 0]);
    assert.equal(capacity.perDay[0]!.at, Date.parse('2021-03-01T10:30:00Z'));
  });

  it('counts a limit of 0 as no limit to draw', () => {
    const capacity = capacityOf(SAMPLE, SAMPLE_RANGE, 'UTC', { roomLimit: 0, warningPercent: 80 });
    assert.equal(capacity.atLimitMs, undefined);
    assert.deepEqual(capacity.limit, { roomLimit: 0, warningPercent: 80 });
  });

  it('never calls fewer than one room near the limit', () => {
    assert.equal(warningCount({ roomLimit: 1, warningPercent: 10 }), 1);
    assert.equal(warningCount({ roomLimit: 10, warningPercent: 80 }), 8);
    assert.equal(warningCount({ roomLimit: 10, warningPercent: 75 }), 8);
  });

  it('gives an unreadable range no figures rather than a throw', () => {
    assert.deepEqual(capacityOf(SAMPLE, { start: 'x', end: '2021-02-25' }, 'UTC', undefined), { peak: 0, peakAt: 0, perDay: [], clipped: 0 });
  });

  describe('days in zones with daylight-saving changes', () => {
    const hoursOf = (range: { start: string; end: string }, zone: string) => {
      const window = rangeWindow(range, zone);
      return (window.end - window.start) / HOUR;
    };

    it('gives New York a 23-hour 2021-03-14 and a 25-hour 2021-11-07', () => {
      assert.equal(hoursOf({ start: '2021-03-14', end: '2021-03-14' }, 'America/New_York'), 23);
      assert.equal(hoursOf({ start: '2021-11-07', end: '2021-11-07' }, 'America/New_York'), 25);
      assert.equal(rangeWindow({ start: '2021-03-14', end: '2021-03-14' }, 'America/New_York').start, Date.parse('2021-03-14T05:00:00Z'));
    });

    it('gives Berlin a 23-hour 2021-03-28, Seoul and Kolkata 24 hours always, Lord Howe 23.5 and 24.5', () => {
      assert.equal(hoursOf({ start: '2021-03-28', end: '2021-03-28' }, 'Europe/Berlin'), 23);
      assert.equal(hoursOf({ start: '2021-03-28', end: '2021-03-28' }, 'Asia/Seoul'), 24);
      assert.equal(rangeWindow({ start: '2021-03-28', end: '2021-03-28' }, 'Asia/Kolkata').start, Date.parse('2021-03-27T18:30:00Z'));
      assert.equal(hoursOf({ start: '2021-10-03', end: '2021-10-03' }, 'Australia/Lord_Howe'), 23.5);
      assert.equal(hoursOf({ start: '2021-04-04', end: '2021-04-04' }, 'Australia/Lord_Howe'), 24.5);
    });

    it("counts a meeting over New York's repeated hour for its whole length at the limit", () => {
      const table = meetings([['a', '2021-11-07T04:30:00Z', 180]]);
      const capacity = capacityOf(table, { start: '2021-11-07', end: '2021-11-07' }, 'America/New_York', { roomLimit: 1, warningPercent: 80 });
      assert.equal(capacity.atLimitMs, 3 * HOUR);
      assert.equal(capacity.perDay[0]!.peak, 1);
    });

    it('finds the first instant of a day whose midnight is skipped (Santiago, 2021-09-05)', () => {
      // Chile moved its clocks from 00:00 to 01:00 on 2021-09-05: the day begins at 01:00 -03.
      assert.equal(dayStartIn(Math.round(Date.parse('2021-09-05T00:00:00Z') / 86_400_000), 'America/Santiago'), Date.parse('2021-09-05T04:00:00Z'));
    });

    it('takes the first of two midnights (Havana, 2021-11-07: 01:00 back to 00:00)', () => {
      assert.equal(dayStartIn(Math.round(Date.parse('2021-11-07T00:00:00Z') / 86_400_000), 'America/Havana'), Date.parse('2021-11-07T04:00:00Z'));
    });

    it("starts Lord Howe's 2021-04-04 at its one midnight", () => {
      assert.equal(dayStartIn(Math.round(Date.parse('2021-04-04T00:00:00Z') / 86_400_000), 'Australia/Lord_Howe'), Date.parse('2021-04-03T13:00:00Z'));
    });
  });
});
