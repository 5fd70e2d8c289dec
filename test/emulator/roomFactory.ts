/**
 * Makes live rooms and participants with OpenVidu-like ids (`ses_`, `con_`, `tok_`), the way the
 * earlier, richer version of v1/sessions showed them. Ids come from counters shared by the initial
 * data and the simulation, so every room and participant id stays unique for the emulator's life.
 */
import { LOCATIONS, PEOPLE, PLATFORMS } from './names';
import { type Random } from './random';
import type { LiveRoom, Participant, ParticipantRole, RoomStatus } from './types';
import { isoSeconds } from './usageLog';

/** The OpenVidu version in the earlier document's client tokens. */
const OPENVIDU_VERSION = '2.15.0';

export interface IdCounters {
  nextRoomId: number;
  nextParticipantId: number;
}

export class RoomFactory {
  constructor(
    private readonly rng: Random,
    readonly ids: IdCounters,
  ) {}

  room(roomName: string, status: RoomStatus, createdAtMs: number, users: number, nowMs: number, sessionId = `ses_${this.rng.string(10)}`): LiveRoom {
    const room: LiveRoom = {
      id: String(this.ids.nextRoomId++),
      sessionId,
      roomName,
      status,
      createdAt: isoSeconds(createdAtMs),
      participants: [],
    };
    for (let i = 0; i < users; i++) {
      // Participants joined some time between the room's opening and now.
      const joinedMs = createdAtMs + Math.floor(this.rng.next() * Math.max(0, nowMs - createdAtMs));
      room.participants.push(this.participant(room, i === 0 ? createdAtMs : joinedMs, i === 0));
    }
    return room;
  }

  participant(room: Pick<LiveRoom, 'sessionId'>, joinedMs: number, isHost = false): Participant {
    const role: ParticipantRole = isHost ? 'PUBLISHER' : this.role();
    const at = isoSeconds(joinedMs);
    return {
      id: String(this.ids.nextParticipantId++),
      connectionId: `con_${this.rng.string(10)}`,
      token: `wss://remote.interwater.biz?sessionId=${room.sessionId}&token=tok_${this.rng.string(16)}&role=${role}&version=${OPENVIDU_VERSION}`,
      userName: this.rng.pick(PEOPLE),
      role,
      location: this.rng.pick(LOCATIONS),
      platform: this.rng.pick(PLATFORMS),
      createdAt: at,
      updatedAt: at,
    };
  }

  private role(): ParticipantRole {
    const r = this.rng.next();
    return r < 0.7 ? 'PUBLISHER' : r < 0.9 ? 'SUBSCRIBER' : 'MODERATOR';
  }
}
