import * as assert from 'node:assert/strict';
import { fromWire, parsePageMessage, parsePanelState, toWire } from '../../../src/shared/protocol';

describe('shared/protocol', () => {
  it('accepts each message the report page sends', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready', timeZone: 'Asia/Seoul' }), { type: 'ready', timeZone: 'Asia/Seoul' });
    assert.deepEqual(parsePageMessage({ type: 'setRange', start: '2021-02-20', end: '2021-02-25', extra: 1 }), { type: 'setRange', start: '2021-02-20', end: '2021-02-25' });
    assert.deepEqual(parsePageMessage({ type: 'retry' }), { type: 'retry' });
    assert.deepEqual(parsePageMessage({ type: 'copySummary', text: 'ignored' }), { type: 'copySummary' });
    assert.deepEqual(parsePageMessage({ type: 'export', format: 'concurrency', query: { filter: '', sort: 'room', descending: false } }), { type: 'export', format: 'concurrency', query: { filter: '', sort: 'room', descending: false } });
    assert.equal(parsePageMessage({ type: 'export', format: 'xlsx', query: { filter: '', sort: 'room', descending: false } }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'showAllRooms' }), { type: 'showAllRooms' });
    assert.deepEqual(parsePageMessage({ type: 'export', format: 'csv', query: { filter: 'a', sort: 'seconds', descending: true } }),
      { type: 'export', format: 'csv', query: { filter: 'a', sort: 'seconds', descending: true } });
  });

  it('ignores anything malformed', () => {
    for (const message of [
      null, 'ready', [], { type: 'unknown' }, { type: 'ready' }, { type: 'ready', timeZone: 'x'.repeat(100) },
      { type: 'setRange', start: 20210220, end: '2021-02-25' },
      { type: 'export', format: 'xlsx', query: { filter: '', sort: 'seconds', descending: true } },
      { type: 'export', format: 'csv', query: { filter: '', sort: 'secret', descending: true } },
      { type: 'export', format: 'csv', query: { filter: '', sort: 'seconds', descending: 'yes' } },
      { type: 'export', format: 'csv' },
    ]) {
      assert.equal(parsePageMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('reads back the panel state kept across a reload, or nothing', () => {
    assert.deepEqual(parsePanelState({ range: { start: '2021-02-20', end: '2021-02-25' }, room: 'test', utc: true }),
      { range: { start: '2021-02-20', end: '2021-02-25' }, room: 'test', timeZone: 'UTC' }, 'the UTC switch of earlier versions');
    assert.deepEqual(parsePanelState({ range: { start: '2021-02-20', end: '2021-02-25' }, timeZone: 'Asia/Kolkata', utc: true }),
      { range: { start: '2021-02-20', end: '2021-02-25' }, timeZone: 'Asia/Kolkata' });
    assert.deepEqual(parsePanelState({ range: { start: '2021-02-20', end: '2021-02-25' }, timeZone: 'x'.repeat(65) }), { range: { start: '2021-02-20', end: '2021-02-25' } });
    assert.deepEqual(parsePanelState({ range: { start: '2021-02-20', end: '2021-02-25' }, utc: 'no' }), { range: { start: '2021-02-20', end: '2021-02-25' } });
    assert.equal(parsePanelState(undefined), undefined);
    assert.equal(parsePanelState({ range: { start: 1 } }), undefined);
  });

  it('keeps the licenses a report is about across a reload, within bounds', () => {
    const range = { start: '2021-02-20', end: '2021-02-25' };
    assert.deepEqual(parsePanelState({ range, licenses: ['a', 'b'] }), { range, licenses: ['a', 'b'] });
    assert.deepEqual(parsePanelState({ range, licenses: Array.from({ length: 100 }, (_, i) => `id${i}`) })?.licenses?.length, 100);
    for (const bad of [Array.from({ length: 101 }, (_, i) => `id${i}`), ['a', 7], ['x'.repeat(101)], 'a']) {
      assert.deepEqual(parsePanelState({ range, licenses: bad }), { range }, JSON.stringify(bad).slice(0, 40));
    }
  });

  it('carries a table across licenses over the wire, and one of a single license without them', () => {
    const table = { roomNames: ['x', 'x'], room: [0, 1], startedAt: [1, 2], seconds: [3, 4], licenseNames: ['A', 'B'], roomLicense: [0, 1] };
    const wire = toWire(table);
    assert.ok(wire.roomLicense instanceof Uint32Array);
    assert.deepEqual(fromWire(wire), table);
    const single = { roomNames: ['x'], room: [0], startedAt: [1], seconds: [3] };
    assert.deepEqual(Object.keys(toWire(single)).sort(), ['room', 'roomNames', 'seconds', 'startedAt']);
    assert.deepEqual(fromWire(toWire(single)), single);
    assert.deepEqual(fromWire({ ...toWire(single), licenseNames: ['A'] }), single, 'names without rooms to place them are no licenses');
  });
});
