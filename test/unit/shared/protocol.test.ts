import * as assert from 'node:assert/strict';
import { parsePageMessage, parsePanelState } from '../../../src/shared/protocol';

describe('shared/protocol', () => {
  it('accepts each message the report page sends', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready', timeZone: 'Asia/Seoul' }), { type: 'ready', timeZone: 'Asia/Seoul' });
    assert.deepEqual(parsePageMessage({ type: 'setRange', start: '2021-02-20', end: '2021-02-25', extra: 1 }), { type: 'setRange', start: '2021-02-20', end: '2021-02-25' });
    assert.deepEqual(parsePageMessage({ type: 'retry' }), { type: 'retry' });
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
      { range: { start: '2021-02-20', end: '2021-02-25' }, room: 'test', utc: true });
    assert.deepEqual(parsePanelState({ range: { start: '2021-02-20', end: '2021-02-25' }, utc: 'no' }), { range: { start: '2021-02-20', end: '2021-02-25' } });
    assert.equal(parsePanelState(undefined), undefined);
    assert.equal(parsePanelState({ range: { start: 1 } }), undefined);
  });
});
