/**
 * The order rooms are listed in: meetings under way first, then open, waiting and unknown
 * statuses, by name within each. Not by user count: rows would jump under the pointer on every
 * poll, and each jump redraws the whole list where one row changed.
 */
import { type Room } from '../api/schema';
import { compareRoomNames } from '../shared/roomNames';

const STATUS_RANK: Readonly<Record<string, number>> = { ON_GOING: 0, OPEN: 1, WAIT: 2 };

function rank(status: string): number {
  return STATUS_RANK[status] ?? 3; // statuses we do not know come after the known ones
}

export function sortRooms(rooms: readonly Room[]): Room[] {
  return [...rooms].sort(
    (a, b) => rank(a.status) - rank(b.status) || compareRoomNames(a.roomName, b.roomName),
  );
}
