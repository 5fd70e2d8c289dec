import * as assert from 'node:assert/strict';
import {
  addDays,
  dateProblem,
  daysBetween,
  describeRange,
  eachDay,
  MAX_RANGE_DAYS,
  PRESETS,
  presetRange,
  rangeProblem,
} from '../../../src/report/dateRange';

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
