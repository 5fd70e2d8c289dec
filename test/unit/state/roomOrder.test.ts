import * as assert from 'node:assert/strict';
import { type Room } from '../../../src/api/schema';
import { sortRooms } from '../../../src/state/roomOrder';

const room = (roomName: string, status: string, userCount: number): Room => ({ roomName, status, userCount });

describe('state/roomOrder', () => {
  it('lists meetings under way first, then open, waiting and unknown statuses, by name within each (not by users, so rows stay put)', () => {
    const sorted = sortRooms([
      room('b', 'WAIT', 1), room('x', 'ARCHIVING', 9), room('a', 'ON_GOING', 2), room('c', 'ON_GOING', 5),
      room('room 10', 'WAIT', 1), room('room 9', 'WAIT', 1), room('o', 'OPEN', 1),
    ]);
    assert.deepEqual(sorted.map((r) => r.roomName), ['a', 'c', 'o', 'b', 'room 9', 'room 10', 'x']);
  });

  it('does not change the list it was given', () => {
    const rooms = [room('b', 'WAIT', 0), room('a', 'ON_GOING', 0)];
    sortRooms(rooms);
    assert.equal(rooms[0]!.roomName, 'b');
  });
});
