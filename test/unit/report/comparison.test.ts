import * as assert from 'node:assert/strict';
import { figureChange, previousRange, roomChange, roomKey } from '../../../src/report/comparison';

const room = (roomName: string, seconds: number, license?: string) => ({ roomName, seconds, meetings: 1, longestSeconds: seconds, ...(license !== undefined && { license }) });

describe('report/comparison', () => {
  it('takes the same number of days just before', () => {
    assert.deepEqual(previousRange({ start: '2021-02-20', end: '2021-02-25' }), { start: '2021-02-14', end: '2021-02-19' });
    assert.deepEqual(previousRange({ start: '2021-03-01', end: '2021-03-01' }), { start: '2021-02-28', end: '2021-02-28' });
    assert.deepEqual(previousRange({ start: '2021-03-01', end: '2021-03-31' }), { start: '2021-01-29', end: '2021-02-28' });
  });

  it('gives the change in whole %, new when there was nothing before, none when nothing either time', () => {
    assert.deepEqual(figureChange(150, 100), { kind: 'percent', percent: 50 });
    assert.deepEqual(figureChange(50, 100), { kind: 'percent', percent: -50 });
    assert.deepEqual(figureChange(100, 100), { kind: 'percent', percent: 0 });
    assert.deepEqual(figureChange(100.4, 100), { kind: 'percent', percent: 0 }, 'a whole %');
    assert.deepEqual(figureChange(5, 0), { kind: 'new' });
    assert.deepEqual(figureChange(0, 0), { kind: 'none' });
  });

  it('finds new and gone rooms, keeping a name two licenses share apart', () => {
    const change = roomChange([room('a', 10), room('b', 5, 'X'), room('c', 1)], [room('a', 20), room('b', 5, 'Y'), room('d', 7), room('c', 2)]);
    assert.equal(change.before.get('a'), 20);
    assert.equal(change.before.has(roomKey(room('b', 0, 'X'))), false, 'b of X is new');
    assert.deepEqual(change.gone.map((r) => `${r.roomName}/${r.license ?? ''}`), ['b/Y', 'd/']);
    assert.notEqual(roomKey(room('b', 0, 'X')), roomKey(room('b', 0)));
  });
});
