import * as assert from 'node:assert/strict';
import { dayReadout, hoursAndMinutes } from '../../../src/webview/format';

describe('webview/format', () => {
  it('writes a length in hours and minutes, seconds only below a minute', () => {
    assert.equal(hoursAndMinutes(0), '0 min');
    assert.equal(hoursAndMinutes(29), '29 s');
    assert.equal(hoursAndMinutes(30), '1 min');
    assert.equal(hoursAndMinutes(3_600), '1 h');
    assert.equal(hoursAndMinutes(49_341), '13 h 42 min');
    assert.equal(hoursAndMinutes(3_600 * 1_234), '1,234 h');
  });

  it('reads out a day of the chart with its figures, or says how to get them', () => {
    assert.equal(dayReadout(undefined), 'Point at a day to see its usage.');
    assert.equal(dayReadout({ day: '2021-02-20', seconds: 0, meetings: 0 }), '2021-02-20: no meetings');
    assert.equal(dayReadout({ day: '2021-02-21', seconds: 610, meetings: 1 }), '2021-02-21: 10 min in 1 meeting');
    assert.equal(dayReadout({ day: '2021-02-22', seconds: 49_341, meetings: 3 }), '2021-02-22: 13 h 42 min in 3 meetings');
  });
});
