import * as assert from 'node:assert/strict';
import {
  addDays,
  dateProblem,
  daysBetween,
  describeRange,
  eachDay,
  isTimeZone,
  MAX_RANGE_DAYS,
  PRESETS,
  presetRange,
  rangeProblem,
  todayIn,
  zoneOffsetMs,
} from '../../../src/report/dateRange';

const HOUR = 3_600_000;
/** The last year a test took for its own; from 2601 on, no other test asks about them. */
let freshYear = 2600;

describe('report/dateRange', () => {
  describe('presets', () => {
    it('lists the six presets with their labels, in order', () => {
      assert.deepEqual(
        PRESETS.map((preset) => [preset.id, preset.label]),
        [
          ['today', 'Today'],
          ['yesterday', 'Yesterday'],
          ['last7', 'Last 7 days'],
          ['last30', 'Last 30 days'],
          ['thisMonth', 'This month'],
          ['lastMonth', 'Last month'],
        ],
      );
    });

    it('works out every preset from a day in the middle of a month', () => {
      const today = '2021-02-25';
      assert.deepEqual(presetRange('today', today), { start: '2021-02-25', end: '2021-02-25' });
      assert.deepEqual(presetRange('yesterday', today), { start: '2021-02-24', end: '2021-02-24' });
      assert.deepEqual(presetRange('last7', today), { start: '2021-02-19', end: '2021-02-25' });
      assert.deepEqual(presetRange('last30', today), { start: '2021-01-27', end: '2021-02-25' });
      assert.deepEqual(presetRange('thisMonth', today), { start: '2021-02-01', end: '2021-02-25' });
      assert.deepEqual(presetRange('lastMonth', today), { start: '2021-01-01', end: '2021-01-31' });
    });

    it('crosses month boundaries (a 28-day February)', () => {
      const today = '2021-03-01';
      assert.deepEqual(presetRange('yesterday', today), { start: '2021-02-28', end: '2021-02-28' });
      assert.deepEqual(presetRange('last7', today), { start: '2021-02-23', end: '2021-03-01' });
      assert.deepEqual(presetRange('last30', today), { start: '2021-01-31', end: '2021-03-01' });
      assert.deepEqual(presetRange('thisMonth', today), { start: '2021-03-01', end: '2021-03-01' });
      assert.deepEqual(presetRange('lastMonth', today), { start: '2021-02-01', end: '2021-02-28' });
    });

    it('knows leap years', () => {
      assert.deepEqual(presetRange('yesterday', '2024-03-01'), { start: '2024-02-29', end: '2024-02-29' });
      assert.deepEqual(presetRange('lastMonth', '2024-03-15'), { start: '2024-02-01', end: '2024-02-29' });
      assert.deepEqual(presetRange('last7', '2024-03-03'), { start: '2024-02-26', end: '2024-03-03' });
      assert.deepEqual(presetRange('lastMonth', '2100-03-15'), { start: '2100-02-01', end: '2100-02-28' }, '2100 is not a leap year');
    });

    it('goes back into the previous year in January', () => {
      assert.deepEqual(presetRange('lastMonth', '2021-01-15'), { start: '2020-12-01', end: '2020-12-31' });
      assert.deepEqual(presetRange('yesterday', '2021-01-01'), { start: '2020-12-31', end: '2020-12-31' });
      assert.deepEqual(presetRange('last7', '2021-01-03'), { start: '2020-12-28', end: '2021-01-03' });
      assert.deepEqual(presetRange('thisMonth', '2021-01-01'), { start: '2021-01-01', end: '2021-01-01' });
    });

    it('takes last month whole from the 31st of a month', () => {
      assert.deepEqual(presetRange('lastMonth', '2021-03-31'), { start: '2021-02-01', end: '2021-02-28' });
      assert.deepEqual(presetRange('lastMonth', '2021-05-31'), { start: '2021-04-01', end: '2021-04-30' });
    });

    it('makes the "last N days" presets N days long', () => {
      for (const today of ['2021-02-25', '2024-03-01', '2021-01-03']) {
        assert.equal(daysBetween(presetRange('last7', today).start, today), 7, today);
        assert.equal(daysBetween(presetRange('last30', today).start, today), 30, today);
      }
    });
  });

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

  describe('day arithmetic', () => {
    it('adds and subtracts days across months, years and leap days', () => {
      assert.equal(addDays('2021-02-20', 5), '2021-02-25');
      assert.equal(addDays('2021-02-28', 1), '2021-03-01');
      assert.equal(addDays('2024-02-28', 1), '2024-02-29');
      assert.equal(addDays('0099-12-31', 1), '0100-01-01', 'years before 100 are not read as 1900s');
      assert.equal(addDays('2020-12-31', 1), '2021-01-01');
      assert.equal(addDays('2021-01-01', -1), '2020-12-31');
      assert.equal(addDays('2021-02-20', 0), '2021-02-20');
      assert.equal(addDays('2021-02-20', 365), '2022-02-20');
    });

    it('counts days with both ends included', () => {
      assert.equal(daysBetween('2021-02-20', '2021-02-20'), 1);
      assert.equal(daysBetween('2021-02-20', '2021-02-25'), 6);
      assert.equal(daysBetween('2024-01-01', '2024-12-31'), 366);
      assert.equal(daysBetween('2021-01-01', '2021-12-31'), 365);
      assert.equal(daysBetween('2021-02-20', '2021-02-19'), 0);
    });

    it('lists every day of a range', () => {
      assert.deepEqual(eachDay('2024-02-27', '2024-03-02'), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
      assert.deepEqual(eachDay('2021-02-20', '2021-02-20'), ['2021-02-20']);
      assert.deepEqual(eachDay('2021-02-21', '2021-02-20'), []);
      assert.equal(eachDay('2020-01-01', '2024-12-31').length, 1827);
    });

    it('refuses days that do not exist', () => {
      assert.throws(() => addDays('2021-02-30', 1), { name: 'RangeError', message: 'Not a calendar day: "2021-02-30"' });
      assert.throws(() => addDays('x2021-02-20', 1), { name: 'RangeError', message: 'Not a calendar day: "x2021-02-20"' });
      assert.throws(() => daysBetween('2021-2-1', '2021-02-03'), RangeError);
      assert.throws(() => eachDay('2021-02-01', 'soon'), RangeError);
    });
  });

  describe('dateProblem', () => {
    it('accepts real days, with spaces around them', () => {
      for (const text of ['2021-02-20', ' 2021-02-20 ', '2024-02-29', '\t1999-12-31\n']) assert.equal(dateProblem(text, 'start'), undefined, JSON.stringify(text));
    });

    it('asks for the YYYY-MM-DD form, naming the field', () => {
      for (const text of ['', '   ', '2021/02/20', '20210220', '2021-2-3', '21-02-20', 'yesterday', '2021-02-20T00:00', '２０２１-02-20']) {
        assert.equal(dateProblem(text, 'start'), 'Enter the start date as YYYY-MM-DD, for example 2021-02-20.', JSON.stringify(text));
      }
      assert.equal(dateProblem('Feb 25', 'end'), 'Enter the end date as YYYY-MM-DD, for example 2021-02-20.');
      for (const text of ['x2021-02-20', '2021-02-20x', '12021-02-20', '2021-02-200']) {
        assert.equal(dateProblem(text, 'end'), 'Enter the end date as YYYY-MM-DD, for example 2021-02-20.', JSON.stringify(text));
      }
    });

    it('says when a well-formed day does not exist', () => {
      assert.equal(dateProblem('2021-02-30', 'start'), '2021-02-30 is not a real date.');
      assert.equal(dateProblem(' 2023-02-29 ', 'end'), '2023-02-29 is not a real date.');
      assert.equal(dateProblem('2021-13-01', 'start'), '2021-13-01 is not a real date.');
      assert.equal(dateProblem('2021-04-31', 'start'), '2021-04-31 is not a real date.');
    });
  });

  describe('rangeProblem', () => {
    const today = '2021-02-25';

    it('accepts a range in the past, one ending today, and one ending in the future', () => {
      assert.equal(rangeProblem('2021-02-20', '2021-02-25', today), undefined);
      assert.equal(rangeProblem('2021-02-25', '2021-02-25', today), undefined);
      assert.equal(rangeProblem('2021-02-01', '2021-03-31', today), undefined, 'an end in the future means "until now"');
      assert.equal(rangeProblem(' 2021-02-20', '2021-02-25 ', today), undefined);
    });

    it('reports the start date first, then the end date', () => {
      assert.equal(rangeProblem('2021/02/20', '2021-02-30', today), 'Enter the start date as YYYY-MM-DD, for example 2021-02-20.');
      assert.equal(rangeProblem('2021-02-20', '2021-02-30', today), '2021-02-30 is not a real date.');
      assert.equal(rangeProblem('2021-02-20', '', today), 'Enter the end date as YYYY-MM-DD, for example 2021-02-20.');
    });

    it('refuses an end before the start', () => {
      assert.equal(rangeProblem('2021-02-20', '2021-02-19', today), 'The end date 2021-02-19 is before the start date 2021-02-20.');
    });

    it('refuses a start in the future', () => {
      assert.equal(rangeProblem('2030-01-01', '2030-01-31', today), 'The start date 2030-01-01 is in the future; there is no usage yet.');
      assert.equal(rangeProblem('2021-02-26', '2021-02-26', today), 'The start date 2021-02-26 is in the future; there is no usage yet.');
    });

    it('refuses more than five years, and takes exactly MAX_RANGE_DAYS', () => {
      assert.equal(MAX_RANGE_DAYS, 1830);
      assert.equal(rangeProblem('2011-01-01', '2020-12-31', today), 'Choose a range of at most 5 years (this one is 3,653 days).');
      assert.equal(rangeProblem('2016-01-01', addDays('2016-01-01', MAX_RANGE_DAYS - 1), today), undefined);
      assert.equal(rangeProblem('2016-01-01', addDays('2016-01-01', MAX_RANGE_DAYS), today), 'Choose a range of at most 5 years (this one is 1,831 days).');
    });
  });

  describe('describeRange', () => {
    it('gives both ends and the number of days', () => {
      assert.equal(describeRange({ start: '2021-02-20', end: '2021-02-25' }), '2021-02-20 – 2021-02-25 (6 days)');
      assert.equal(describeRange({ start: '2021-02-20', end: '2021-02-20' }), '2021-02-20 (1 day)');
      assert.equal(describeRange({ start: '2021-02-20', end: '2021-02-21' }), '2021-02-20 – 2021-02-21 (2 days)');
      assert.equal(describeRange({ start: '2016-01-01', end: '2020-12-31' }), '2016-01-01 – 2020-12-31 (1,827 days)');
    });
  });
});
