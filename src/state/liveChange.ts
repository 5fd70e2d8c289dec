/**
 * What a new snapshot of the live state changes for the views, so that each redraws only that: a
 * poll that brings the same rooms changes nothing in the tree, and one room that changes is one
 * tree element (see views/sessionsTree.ts). Pure: unit-tested and benchmarked in Node.
 */
import type { License, Room } from '../api/schema';
import type { LiveSnapshot } from './liveState';

export interface LiveChange {
  readonly snapshot: LiveSnapshot;
  /** Phase, error, or which parts there are (license, rooms) changed: everything is drawn again. */
  readonly whole: boolean;
  /** The license, or the number of rooms in use it shows, changed. */
  readonly license: boolean;
  /** Rooms came or went, their order changed, or the notes under them (merged, unreadable) did. */
  readonly roomList: boolean;
  /** Names of rooms still listed in the same place whose summary (status, users, since) changed. */
  readonly rooms: readonly string[];
}

/** True when the views show nothing different: only the time of the last refresh moved on. */
export function isUnchanged(change: LiveChange): boolean {
  return !change.whole && !change.license && !change.roomList && change.rooms.length === 0;
}

/** What changed from `before` to `after`, as the views see it. */
export function compareSnapshots(before: LiveSnapshot, after: LiveSnapshot): LiveChange {
  const whole =
    before.phase !== after.phase ||
    before.error?.kind !== after.error?.kind ||
    before.error?.message !== after.error?.message ||
    (before.error !== undefined && before.updatedAt !== after.updatedAt) || // "showing data from …" names it
    (before.license === undefined) !== (after.license === undefined) ||
    (before.rooms === undefined) !== (after.rooms === undefined);
  const beforeRooms = before.rooms ?? [];
  const afterRooms = after.rooms ?? [];
  const license = !sameLicense(before.license, after.license) || beforeRooms.length !== afterRooms.length;
  const roomList =
    beforeRooms.length !== afterRooms.length ||
    beforeRooms.some((room, index) => room.roomName !== afterRooms[index]?.roomName) ||
    before.duplicateRooms !== after.duplicateRooms ||
    before.skippedRooms !== after.skippedRooms;
  const rooms = roomList ? [] : afterRooms.filter((room, index) => !sameRoom(beforeRooms[index], room)).map((room) => room.roomName);
  return { snapshot: after, whole, license, roomList, rooms };
}

function sameLicense(a: License | undefined, b: License | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.domain === b.domain && a.roomLimit === b.roomLimit && a.enabled === b.enabled && a.createdAt === b.createdAt;
}

/** The room's summary as the tree shows it; participants and session are detail, fetched on expand. */
export function sameRoom(a: Room | undefined, b: Room): boolean {
  return a !== undefined && a.roomName === b.roomName && a.status === b.status && a.userCount === b.userCount && a.createdAt === b.createdAt;
}

/** The tree elements a change redraws: all of them, or the license, the room list and single rooms. */
export type TreeUpdate =
  | { readonly all: true }
  | { readonly all: false; readonly license: boolean; readonly roomList: boolean; readonly rooms: readonly string[] };

export function treeUpdate(change: LiveChange): TreeUpdate {
  if (change.whole) return { all: true };
  // A new room list redraws every room in it: single rooms need no update of their own then.
  return { all: false, license: change.license, roomList: change.roomList, rooms: change.roomList ? [] : change.rooms };
}

/** How many tree elements an update redraws, `all` counting as every room plus the three above them. */
export function elementsUpdated(update: TreeUpdate, roomCount: number): number {
  if (update.all) return roomCount + 3;
  return (update.license ? 1 : 0) + (update.roomList ? 1 : 0) + update.rooms.length;
}
