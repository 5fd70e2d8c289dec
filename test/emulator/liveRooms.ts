/**
 * The live-room simulation: a demo must show rooms changing, and tests must be able to make them
 * change on demand and predictably (seeded randomness, explicit clock).
 *
 * One step, for every open room: a user may leave, a user may join; a waiting room starts its
 * meeting (WAIT -> ON_GOING) when a second person is there, or sometimes when its host starts alone;
 * a room whose last user left closes and leaves a usage record behind, so v1/static grows in step
 * with what v1/sessions showed. Then new rooms may open (as WAIT, with their host), never more open
 * rooms than max(license room limit, rooms at start): the license caps rooms, but an emulator
 * started over quota (a valid test state) must not lose rooms just for that.
 *
 * A closed meeting's record is created at the closing time and lasts from the room's opening to
 * then (at least one second, since with a frozen test clock both can be the same instant).
 */
import { generateRoomName } from './names';
import { type Random } from './random';
import { type RoomFactory } from './roomFactory';
import type { LiveRoom, UsageRecord } from './types';
import { isoSeconds } from './usageLog';

const LEAVE_CHANCE = 0.15;
const JOIN_CHANCE = 0.2;
const START_ALONE_CHANCE = 0.2;
const OPEN_CHANCE = 0.35;
const MAX_USERS = 12;

export class LiveRooms {
  private readonly rooms: LiveRoom[];
  private readonly initialCount: number;

  constructor(
    initial: readonly LiveRoom[],
    private readonly factory: RoomFactory,
    private readonly rng: Random,
    private readonly namePool: readonly string[],
  ) {
    this.rooms = [...initial];
    this.initialCount = initial.length;
  }

  list(): readonly LiveRoom[] {
    return this.rooms;
  }

  find(roomName: string): LiveRoom | undefined {
    return this.rooms.find((room) => room.roomName === roomName);
  }

  /** Advances the simulation by one step at `nowMs`; returns the usage records of the rooms that closed. */
  step(nowMs: number, roomLimit: number): UsageRecord[] {
    const at = isoSeconds(nowMs);
    const closed: UsageRecord[] = [];
    for (const room of [...this.rooms]) {
      const users = room.participants;
      if (users.length > 0 && this.rng.chance(LEAVE_CHANCE)) {
        users.splice(this.rng.int(0, users.length - 1), 1);
      }
      if (users.length > 0 && users.length < MAX_USERS && this.rng.chance(JOIN_CHANCE)) {
        users.push(this.factory.participant(room, nowMs));
      }
      if (room.status === 'WAIT' && users.length > 0 && (users.length >= 2 || this.rng.chance(START_ALONE_CHANCE))) {
        room.status = 'ON_GOING';
      }
      if (users.length === 0) {
        this.rooms.splice(this.rooms.indexOf(room), 1);
        const seconds = Math.round((nowMs - Date.parse(room.createdAt)) / 1000);
        closed.push({ roomName: room.roomName, sessionTimeSecond: Math.max(1, seconds), createdAt: at });
      }
    }
    const maxOpen = Math.max(roomLimit, this.initialCount);
    // One chance to open per step, plus one per room that closed, so a large emulator does not slowly empty.
    for (let i = 0; i <= closed.length; i++) {
      if (this.rooms.length < maxOpen && this.rng.chance(OPEN_CHANCE)) {
        this.rooms.push(this.factory.room(this.freeName(), 'WAIT', nowMs, 1, nowMs));
      }
    }
    return closed;
  }

  /** A pool name that no open room has (names identify rooms in v1/sessions/:room_name), else a new one. */
  private freeName(): string {
    const open = new Set(this.rooms.map((room) => room.roomName));
    for (let attempt = 0; attempt < 10; attempt++) {
      const name = this.rng.pick(this.namePool);
      if (!open.has(name)) {
        return name;
      }
    }
    return generateRoomName(this.rng, open);
  }
}
