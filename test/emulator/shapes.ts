/**
 * Renders a live room in one of the two JSON shapes v1/sessions has had, so the extension can be
 * tested against both:
 *  - short (the current document): `{status, user, roomName}`;
 *  - rich (an earlier published version): the OpenVidu-like room with one `sessionToken` per user.
 *
 * Decision for the rich shape's status: the earlier document shows `"OPEN"` for a room in a meeting.
 * A room in a meeting (ON_GOING) is therefore reported as `OPEN`, a waiting room keeps `WAIT`.
 * That gives a client one status it knows and one it may not in the same list, which is exactly
 * what it must cope with (show unknown statuses as they come).
 */
import type { LiveRoom } from './types';

export type Shape = 'short' | 'rich';

export interface ShortRoom {
  status: string;
  user: number;
  roomName: string;
}

export function renderRoom(room: LiveRoom, shape: Shape): object {
  return shape === 'rich' ? richRoom(room) : shortRoom(room);
}

export function shortRoom(room: LiveRoom): ShortRoom {
  // Key order as in the document's sample.
  return { status: room.status, user: room.participants.length, roomName: room.roomName };
}

export function richRoom(room: LiveRoom): object {
  return {
    id: room.id,
    domain: 'trial',
    sessionId: room.sessionId,
    roomName: room.roomName,
    status: room.status === 'ON_GOING' ? 'OPEN' : room.status,
    createdAt: room.createdAt,
    sessionTokens: room.participants.map((p) => ({
      id: p.id,
      connectionId: p.connectionId,
      sessionId: room.sessionId,
      sessionName: room.roomName,
      token: p.token,
      userName: p.userName,
      role: p.role,
      location: p.location,
      platform: p.platform,
      status: 'active',
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
  };
}
