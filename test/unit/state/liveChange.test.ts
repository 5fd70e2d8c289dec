/** What a new snapshot changes for the views, and how much of the tree that redraws. */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import type { Room } from '../../../src/api/schema';
import { compareSnapshots, elementsUpdated, isUnchanged, sameRoom, treeUpdate } from '../../../src/state/liveChange';
import type { LiveSnapshot } from '../../../src/state/liveState';

const room = (roomName: string, extra: Partial<Room> = {}): Room => ({ roomName, status: 'ON_GOING', userCount: 1, ...extra });
const READY: LiveSnapshot = {
  phase: 'ready',
  license: { domain: 'trial', roomLimit: 10, enabled: true, createdAt: '2020-12-22T15:00:00.000Z' },
  rooms: [room('a'), room('b'), room('c')],
  skippedRooms: 0,
  duplicateRooms: 0,
  updatedAt: 1_000,
  refreshing: false,
};

/** The change from READY to READY with `patch`, as [whole, license, roomList, rooms]. */
const changeOf = (patch: Partial<LiveSnapshot>, before: LiveSnapshot = READY) => {
  const { whole, license, roomList, rooms } = compareSnapshots(before, { ...READY, ...patch });
  return [whole, license, roomList, rooms];
};

describe('state/liveChange', () => {
  it('sees nothing when only the time of the refresh moved on', () => {
    const change = compareSnapshots(READY, { ...READY, updatedAt: 2_000, refreshing: true, rooms: READY.rooms!.map((r) => ({ ...r })) });
    assert.deepEqual([change.whole, change.license, change.roomList, change.rooms], [false, false, false, []]);
    assert.ok(isUnchanged(change));
    assert.equal(change.snapshot.updatedAt, 2_000, 'the change carries the new snapshot');
  });

  it('redraws everything when the phase, the error, or which parts there are changes', () => {
    const error = new ApiError('timeout', 'slow');
    assert.deepEqual(changeOf({ phase: 'loading' }), [true, false, false, []]);
    assert.deepEqual(changeOf({ error })[0], true);
    assert.deepEqual(changeOf({ error: new ApiError('unreachable', 'slow') }, { ...READY, error })[0], true, 'another kind');
    assert.deepEqual(changeOf({ error: new ApiError('timeout', 'slower') }, { ...READY, error })[0], true, 'another message');
    assert.deepEqual(changeOf({ error, updatedAt: 5 }, { ...READY, error })[0], true, 'the age of stale data is shown');
    assert.deepEqual(changeOf({ error }, { ...READY, error })[0], false, 'the same error');
    assert.deepEqual(changeOf({ updatedAt: 5 })[0], false, 'without an error, the time is not shown');
    assert.deepEqual(changeOf({ license: undefined })[0], true);
    assert.deepEqual(changeOf({ rooms: undefined })[0], true);
  });

  it('redraws the license when any of its fields, or the number of rooms in use, changes', () => {
    const license = READY.license!;
    for (const patch of [{ domain: 'other' }, { roomLimit: 20 }, { enabled: false }, { createdAt: '2021-01-01T00:00:00.000Z' }]) {
      assert.deepEqual(changeOf({ license: { ...license, ...patch } }), [false, true, false, []], JSON.stringify(patch));
    }
    assert.deepEqual(changeOf({ license: { ...license } }), [false, false, false, []], 'an equal license');
    assert.deepEqual(changeOf({ rooms: [room('a'), room('b')] }).slice(0, 3), [false, true, true]);
  });

  it('redraws the room list when rooms come, go or move, or its notes change', () => {
    assert.deepEqual(changeOf({ rooms: [room('a'), room('c'), room('b')] }), [false, false, true, []], 'moved');
    assert.deepEqual(changeOf({ rooms: [room('a'), room('b'), room('d')] }), [false, false, true, []], 'one replaced');
    assert.deepEqual(changeOf({ duplicateRooms: 1 }), [false, false, true, []]);
    assert.deepEqual(changeOf({ skippedRooms: 2 }), [false, false, true, []]);
  });

  it('names each room whose summary changed in place', () => {
    const rooms = [room('a', { status: 'WAIT' }), room('b', { userCount: 2 }), room('c', { createdAt: '2021-01-01T00:00:00.000Z' })];
    assert.deepEqual(changeOf({ rooms }), [false, false, false, ['a', 'b', 'c']]);
    assert.deepEqual(changeOf({ rooms: [room('a'), room('b', { participants: [] }), room('c', { sessionId: 's' })] }), [false, false, false, []], 'detail is not summary');
  });

  it('compares rooms by their summary', () => {
    assert.equal(sameRoom(undefined, room('a')), false);
    assert.equal(sameRoom(room('a'), room('b')), false);
    assert.equal(sameRoom(room('a'), room('a')), true);
  });

  it('turns a change into the tree elements it redraws', () => {
    assert.deepEqual(treeUpdate(compareSnapshots(READY, { ...READY, phase: 'loading' })), { all: true });
    const one = treeUpdate(compareSnapshots(READY, { ...READY, rooms: [room('a'), room('b', { userCount: 5 }), room('c')] }));
    assert.deepEqual(one, { all: false, license: false, roomList: false, rooms: ['b'] });
    const moved = treeUpdate(compareSnapshots(READY, { ...READY, rooms: [room('b', { userCount: 5 }), room('a')] }));
    assert.deepEqual(moved, { all: false, license: true, roomList: true, rooms: [] }, 'a new list redraws its rooms anyway');
    assert.equal(elementsUpdated({ all: true }, 1_000), 1_003);
    assert.equal(elementsUpdated(one, 1_000), 1);
    assert.equal(elementsUpdated(moved, 1_000), 2);
    assert.equal(elementsUpdated({ all: false, license: true, roomList: false, rooms: ['a', 'b'] }, 1_000), 3);
  });
});
