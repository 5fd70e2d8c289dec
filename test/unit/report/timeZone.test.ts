import * as assert from 'node:assert/strict';
import { dayText } from '../../../src/shared/calendarDate';
import { dayNumberIn, isTimeZone, todayIn, zoneOffsetMs } from '../../../src/report/timeZone';

const HOUR = 3_600_000;
/** The last year a test took for its own; from 2601 on, no other test asks about them. */
let freshYear = 2600;

describe('report/timeZone', () => {
  /** The day `YYYY-MM-DD` the wall clock of a zone shows at an instant. */
  const dayKey = (ms: number, timeZone: string) => dayText(dayNumberIn(ms, timeZone));

  describe('todayIn', () => {
    it('tells Seoul and UTC apart around midnight', () => {
      const justBefore = Date.UTC(2021, 1, 21, 14, 59, 59, 999); // 23:59:59.999 in Seoul
      const midnight = Date.UTC(2021, 1, 21, 15, 0, 0); // 00:00 on the 22nd in Seoul
      assert.equal(todayIn('Asia/Seoul', justBefore), '2021-02-21');
      assert.equal(todayIn('Asia/Seoul', midnight), '2021-02-22');
      assert.equal(todayIn('UTC', midnight), '2021-02-21');
      assert.equal(todayIn('UTC', Date.UTC(2021, 1, 21, 23, 59, 59, 999)), '2021-02-21');
      assert.equal(todayIn('UTC', Date.UTC(2021, 1, 22)), '2021-02-22');
    });

    it('goes back a day west of Greenwich', () => {
      assert.equal(todayIn('America/Los_Angeles', Date.UTC(2021, 0, 1, 7, 59)), '2020-12-31');
      assert.equal(todayIn('America/Los_Angeles', Date.UTC(2021, 0, 1, 8, 0)), '2021-01-01');
    });

    it('uses the runtime zone when none is given', () => {
      const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
      for (const now of [Date.UTC(2021, 1, 21, 15, 0), Date.UTC(2021, 6, 1, 3, 30), Date.UTC(2021, 11, 31, 23, 59)]) {
        assert.equal(todayIn(undefined, now), todayIn(local, now));
      }
    });
  });

  describe('zoneOffsetMs and isTimeZone', () => {
    it('gives fixed, half-hour and quarter-hour offsets', () => {
      const now = Date.UTC(2021, 1, 22, 12);
      assert.equal(zoneOffsetMs(now, 'UTC'), 0);
      assert.equal(zoneOffsetMs(now, 'Asia/Seoul'), 9 * HOUR);
      assert.equal(zoneOffsetMs(now, 'Asia/Kolkata'), 5.5 * HOUR);
      assert.equal(zoneOffsetMs(now, 'Asia/Kathmandu'), 5.75 * HOUR);
      assert.equal(zoneOffsetMs(now, 'America/St_Johns'), -3.5 * HOUR);
    });

    it('follows a daylight-saving change to the slot, both ways', () => {
      // New York springs forward at 07:00 UTC on 2021-03-14 and falls back at 06:00 UTC on 2021-11-07.
      assert.equal(zoneOffsetMs(Date.UTC(2021, 2, 14, 6, 59, 59), 'America/New_York'), -5 * HOUR);
      assert.equal(zoneOffsetMs(Date.UTC(2021, 2, 14, 7, 0, 0), 'America/New_York'), -4 * HOUR);
      assert.equal(zoneOffsetMs(Date.UTC(2021, 10, 7, 5, 59, 59), 'America/New_York'), -4 * HOUR);
      assert.equal(zoneOffsetMs(Date.UTC(2021, 10, 7, 6, 0, 0), 'America/New_York'), -5 * HOUR);
      // Lord Howe Island moves by half an hour: +11:00 in summer, +10:30 from 2021-04-03 15:00 UTC.
      assert.equal(zoneOffsetMs(Date.UTC(2021, 3, 3, 14, 59), 'Australia/Lord_Howe'), 11 * HOUR);
      assert.equal(zoneOffsetMs(Date.UTC(2021, 3, 3, 15, 0), 'Australia/Lord_Howe'), 10.5 * HOUR);
    });

    it('agrees with Intl at every quarter hour around a change, whatever order it is asked in', () => {
      const check = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });
      const start = Date.UTC(2021, 2, 27, 12);
      const instants = Array.from({ length: 4 * 24 }, (_, i) => start + i * 15 * 60_000 + 7 * 60_000).reverse();
      for (const ms of instants) {
        const match = /GMT([+-])(\d\d):(\d\d)/.exec(check.format(ms));
        const expected = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3]) * 60_000) : 0;
        assert.equal(zoneOffsetMs(ms, 'Europe/Berlin'), expected, new Date(ms).toISOString());
      }
    });

    it('knows which zones exist, and throws for others', () => {
      assert.equal(isTimeZone('Asia/Seoul'), true);
      assert.equal(isTimeZone('UTC'), true);
      assert.equal(isTimeZone('Mars/Olympus_Mons'), false);
      assert.equal(isTimeZone(''), false);
      assert.throws(() => zoneOffsetMs(0, 'Mars/Olympus_Mons'), RangeError);
    });

    it('agrees with Intl at every quarter hour of a year no earlier run has asked about, changes of offset included', () => {
      // Offsets are cached for the life of the process: each run takes a year of its own, so that
      // every block and slot is worked out here rather than looked up.
      const year = ++freshYear;
      for (const timeZone of ['America/New_York', 'Australia/Lord_Howe', 'Europe/Berlin']) {
        const reference = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
        const offsetOf = (ms: number): number => {
          const name = reference.formatToParts(ms).find((part) => part.type === 'timeZoneName')!.value; // GMT+10:30, GMT-05:00, GMT
          const match = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(name)!;
          return match[1] === undefined ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3]) * 60_000);
        };
        let changes = 0;
        let previous = offsetOf(Date.UTC(year, 0, 1));
        for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 15 * 60_000) {
          const expected = offsetOf(ms);
          if (expected !== previous) changes++;
          previous = expected;
          if (zoneOffsetMs(ms, timeZone) !== expected) assert.fail(`${timeZone} at ${new Date(ms).toISOString()}: ${zoneOffsetMs(ms, timeZone)}, not ${expected}`);
        }
        assert.equal(changes, 2, `${timeZone} changes its offset twice in ${year}`);
      }
    });
  });

  describe('dayNumberIn, as the day a meeting counts for', () => {
    it('gives the day in the zone', () => {
      const ms = Date.parse('2021-02-22T15:30:00Z');
      assert.equal(dayKey(ms, 'UTC'), '2021-02-22');
      assert.equal(dayKey(ms, 'Asia/Seoul'), '2021-02-23');
      assert.equal(dayKey(ms, 'America/Los_Angeles'), '2021-02-22');
      assert.equal(dayKey(Date.parse('2021-02-22T07:59:59Z'), 'America/Los_Angeles'), '2021-02-21');
    });

    it('turns the day at half- and quarter-hour offsets (Kolkata +5:30, Kathmandu +5:45, Chatham +13:45)', () => {
      assert.equal(dayKey(Date.parse('2021-02-21T18:29:59.999Z'), 'Asia/Kolkata'), '2021-02-21');
      assert.equal(dayKey(Date.parse('2021-02-21T18:30:00.000Z'), 'Asia/Kolkata'), '2021-02-22');
      assert.equal(dayKey(Date.parse('2021-02-21T18:14:59.999Z'), 'Asia/Kathmandu'), '2021-02-21');
      assert.equal(dayKey(Date.parse('2021-02-21T18:15:00.000Z'), 'Asia/Kathmandu'), '2021-02-22');
      assert.equal(dayKey(Date.parse('2021-02-21T10:14:59Z'), 'Pacific/Chatham'), '2021-02-21'); // +13:45 in summer
      assert.equal(dayKey(Date.parse('2021-02-21T10:15:00Z'), 'Pacific/Chatham'), '2021-02-22');
    });

    it('turns the day at midnight on both sides of a daylight-saving change', () => {
      assert.equal(dayKey(Date.parse('2021-03-14T04:59:59Z'), 'America/New_York'), '2021-03-13'); // EST
      assert.equal(dayKey(Date.parse('2021-03-14T05:00:00Z'), 'America/New_York'), '2021-03-14');
      assert.equal(dayKey(Date.parse('2021-03-15T03:59:59Z'), 'America/New_York'), '2021-03-14'); // EDT
      assert.equal(dayKey(Date.parse('2021-03-15T04:00:00Z'), 'America/New_York'), '2021-03-15');
    });

    it('works before 1970', () => {
      assert.equal(dayKey(Date.parse('1969-12-31T23:59:59Z'), 'UTC'), '1969-12-31');
      assert.equal(dayKey(Date.parse('1969-12-31T15:00:00Z'), 'Asia/Seoul'), '1970-01-01');
    });

    it('names every day of a year no earlier run has asked about, as UTC dates do', () => {
      // Day texts are cached for the life of the process: each run takes a year of its own, so that
      // every text is worked out here rather than looked up.
      const year = ++freshYear;
      for (let ms = Date.UTC(year, 0, 1, 12); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
        assert.equal(dayKey(ms, 'UTC'), new Date(ms).toISOString().slice(0, 10));
      }
    });

    it('throws for an unknown zone', () => {
      assert.throws(() => dayKey(0, 'Nowhere/Special'), RangeError);
    });
  });
});
