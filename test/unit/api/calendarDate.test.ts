import * as assert from 'node:assert/strict';
import { isCalendarDate } from '../../../src/api/calendarDate';

describe('api/calendarDate', () => {
  it('accepts real days in YYYY-MM-DD form', () => {
    for (const day of ['2021-02-20', '2024-02-29', '1999-12-31', '2026-01-01']) assert.equal(isCalendarDate(day), true, day);
  });

  it('rejects impossible days and other forms', () => {
    for (const day of ['2021-02-30', '2023-02-29', '2021-13-01', '2021-00-10', '2021-2-3', '20210220', '2021-02-20T00:00', ' 2021-02-20', '']) {
      assert.equal(isCalendarDate(day), false, JSON.stringify(day));
    }
  });
});
