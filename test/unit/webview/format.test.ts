import * as assert from 'node:assert/strict';
import { changeOf, dayReadout, durationText, hoursAndMinutes } from '../../../src/webview/format';

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

describe('webview/format changes', () => {
  it('gives an arrow and a whole % against the period before, or says new', () => {
    assert.deepEqual(changeOf(150, 100), { direction: 'up', text: '▲ 50 %' });
    assert.deepEqual(changeOf(50, 100), { direction: 'down', text: '▼ 50 %' });
    assert.deepEqual(changeOf(100.2, 100), { direction: 'same', text: '= 0 %' });
    assert.deepEqual(changeOf(5, 0), { direction: 'new', text: 'new' });
    assert.deepEqual(changeOf(0, 0), { direction: 'same', text: '=' });
    assert.deepEqual(changeOf(2500, 100), { direction: 'up', text: '▲ 2,400 %' });
  });

  it('writes milliseconds as hours and minutes', () => {
    assert.equal(durationText(54 * 60_000), '54 min');
    assert.equal(durationText(3 * 3_600_000 + 20 * 60_000), '3 h 20 min');
  });
});
