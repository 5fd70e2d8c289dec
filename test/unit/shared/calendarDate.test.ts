import * as assert from 'node:assert/strict';
import { calendarDayStart, dayNumberOf, dayText, isCalendarDate } from '../../../src/shared/calendarDate';

describe('shared/calendarDate', () => {
  it('counts a day from 1970-01-01 and back (dayNumberOf, dayText)', () => {
    assert.equal(dayNumberOf('1970-01-01'), 0);
    assert.equal(dayNumberOf('2021-02-22'), 18680);
    assert.equal(dayText(dayNumberOf('2021-02-22')), '2021-02-22');
    assert.equal(dayNumberOf('1969-12-31'), -1);
    assert.ok(Number.isNaN(dayNumberOf('2021-02-30')));
  });

  it('accepts real days in YYYY-MM-DD form', () => {
    for (const day of ['2021-02-20', '2024-02-29', '1999-12-31', '2026-01-01', '0099-12-31', '0004-02-29']) assert.equal(isCalendarDate(day), true, day);
  });

  it('gives UTC midnight of a real day, years before 100 included, and nothing for another form', () => {
    assert.equal(calendarDayStart('2021-02-20'), Date.parse('2021-02-20T00:00:00Z'));
    assert.equal(calendarDayStart('0099-12-31'), Date.parse('0099-12-31T00:00:00Z'));
    assert.equal(calendarDayStart('2021-02-30'), undefined);
    assert.equal(calendarDayStart('0100-02-29'), undefined, 'no leap day in 100');
  });

  it('rejects impossible days and other forms', () => {
    for (const day of ['2021-02-30', '2023-02-29', '2021-13-01', '2021-00-10', '2021-2-3', '20210220', '2021-02-20T00:00', ' 2021-02-20', '']) {
      assert.equal(isCalendarDate(day), false, JSON.stringify(day));
    }
  });
});
