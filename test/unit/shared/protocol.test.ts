import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { plainTable as plain } from './plainTable';
import { fromWire, parsePageMessage, parsePanelState, ROWS_PER_SLICE, toWire, toWireInSlices } from '../../../src/shared/protocol';

describe('shared/protocol', () => {
  it('accepts each message the report page sends', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready', timeZone: 'Asia/Seoul' }), { type: 'ready', timeZone: 'Asia/Seoul' });
    assert.deepEqual(parsePageMessage({ type: 'setRange', start: '2021-02-20', end: '2021-02-25', extra: 1 }), { type: 'setRange', start: '2021-02-20', end: '2021-02-25' });
    assert.deepEqual(parsePageMessage({ type: 'setRange', start: '2021-02-20', end: '2021-02-25', askedAt: 1.7e12 }), { type: 'setRange', start: '2021-02-20', end: '2021-02-25', askedAt: 1.7e12 });
    assert.deepEqual(parsePageMessage({ type: 'setRange', start: '2021-02-20', end: '2021-02-25', askedAt: 'now' }), { type: 'setRange', start: '2021-02-20', end: '2021-02-25' }, 'a time that is no number is left out');
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
    // A page still waiting for its range to be chosen says so (only `true` counts).
    assert.deepEqual(parsePanelState({ range: { start: '2021-02-20', end: '2021-02-25' }, choosing: true }), { range: { start: '2021-02-20', end: '2021-02-25' }, choosing: true });
    assert.deepEqual(parsePanelState({ range: { start: '2021-02-20', end: '2021-02-25' }, choosing: 'yes' }), { range: { start: '2021-02-20', end: '2021-02-25' } });
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

  it('carries any table over the wire exactly, in the narrowest columns that hold it', () => {
    const time = fc.oneof(fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 }), fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => 1_600_000_000_000 + s * 1000), fc.double({ min: 0, max: 2e12, noNaN: true }));
    const length = fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e10, noNaN: true }), fc.constant(2 ** 32), fc.constant(2 ** 32 - 1));
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: 2 }), time, length), { maxLength: 30 }), (meetings) => {
      const table = { roomNames: ['a', 'b', 'c'], room: meetings.map(([r]) => r), startedAt: meetings.map(([, t]) => t), seconds: meetings.map(([, , s]) => s) };
      assert.deepEqual(plain(fromWire(toWire(table))), table);
    }));
    const usual = { roomNames: ['a'], room: [0, 0], startedAt: [1_614_000_000_000, 1_614_000_060_000], seconds: [60, 3_600] };
    const wire = toWire(usual);
    assert.ok(wire.room instanceof Uint16Array && wire.startedAt instanceof Uint32Array && wire.seconds instanceof Uint32Array, 'whole seconds: 10 bytes a meeting');
    assert.equal(wire.startBase, 1_614_000_000_000);
    const odd = toWire({ roomNames: Array.from({ length: 70_000 }, (_, i) => `r${i}`), room: [69_999, 0], startedAt: [1_614_000_000_000, 1_614_000_000_001], seconds: [1.5, 2] });
    assert.ok(odd.room instanceof Uint32Array && odd.startedAt instanceof Float64Array && odd.seconds instanceof Float64Array);
    assert.equal(odd.startBase, undefined);
  });

  it('carries a table across licenses over the wire, and one of a single license without them', () => {
    const table = { roomNames: ['x', 'x'], room: [0, 1], startedAt: [1, 2], seconds: [3, 4], licenseNames: ['A', 'B'], roomLicense: [0, 1] };
    const wire = toWire(table);
    assert.ok(wire.roomLicense instanceof Uint32Array);
    assert.deepEqual(plain(fromWire(wire)), table);
    const single = { roomNames: ['x'], room: [0], startedAt: [1], seconds: [3] };
    assert.deepEqual(Object.keys(toWire(single)).sort(), ['room', 'roomNames', 'seconds', 'startBase', 'startedAt']);
    assert.deepEqual(plain(fromWire(toWire(single))), single);
    assert.deepEqual(plain(fromWire({ ...toWire(single), licenseNames: ['A'] })), single, 'names without rooms to place them are no licenses');
  });

  it('reads a table from the wire form without copying its columns, and gives that form back for it', async () => {
    const usual = { roomNames: ['a', 'b'], room: [0, 1, 0], startedAt: [1_614_000_000_000, 1_614_000_060_000, 1_614_000_000_000], seconds: [60, 3_600, 1] };
    const wire = toWire(usual);
    const read = fromWire(wire);
    assert.equal(read.room, wire.room, 'rooms used as they came');
    assert.equal(read.seconds, wire.seconds, 'lengths used as they came');
    assert.ok(read.startedAt instanceof Float64Array && read.startedAt !== wire.startedAt, 'starts turned back into epoch milliseconds');
    assert.deepEqual(plain(read), usual);
    assert.equal(await toWireInSlices(read), wire, 'a table read from the wire form goes back as that very form');
    const exact = toWire({ ...usual, startedAt: [1.5, 2.5, 3.5] });
    assert.equal(fromWire(exact).startedAt, exact.startedAt, 'starts sent as epoch milliseconds are used as they came');
  });

  it('converts a big table to the wire form a slice at a time, letting other work run between', async () => {
    const rows = 3 * ROWS_PER_SLICE + 17;
    // The last slice holds the start that is not a whole second: the form is decided on the whole table.
    const table = {
      roomNames: ['a', 'b'],
      room: Array.from({ length: rows }, (_, i) => i % 2),
      startedAt: Array.from({ length: rows }, (_, i) => 1_614_000_000_000 + i * 1000 + (i === rows - 1 ? 1 : 0)),
      seconds: Array.from({ length: rows }, (_, i) => i % 3600),
    };
    let turns = 0;
    const other = setInterval(() => turns++, 0);
    try {
      const wire = await toWireInSlices(table);
      assert.deepEqual(wire, toWire(table));
      assert.ok(wire.startedAt instanceof Float64Array);
      assert.deepEqual(plain(fromWire(wire)), table);
      assert.equal(await toWireInSlices(fromWire(wire)), wire, 'a table read from the wire form is not converted again');
      assert.notEqual(await toWireInSlices(table), wire, 'a table built otherwise is converted');
    } finally {
      clearInterval(other);
    }
    assert.ok(turns >= 2, `other work ran ${turns} times meanwhile`);
  });
});
