/**
 * Room lists for security tests, to feed through `setRooms` (served verbatim by v1/sessions).
 *
 * Unlike HOSTILE_ROOM_NAMES (names.ts), which the generator uses so every run meets them, these are
 * too nasty for everyday data: text that reorders what is shown around it, a string that is not
 * valid UTF-16, names that are not unique, and a rich room whose participants collide. A client
 * must show each as inert text, never crash on it, and never merge or confuse the look-alikes.
 */

/** "txt.exe" shown as "exe.txt": U+202E RIGHT-TO-LEFT OVERRIDE reverses everything after it. */
export const RIGHT_TO_LEFT_OVERRIDE_NAME = '\u202Eexe.txt';

/**
 * Every isolate (U+2066 LRI, U+2067 RLI, U+2068 FSI, U+2069 PDI) and the invisible marks (U+200E LRM,
 * U+200F RLM, U+061C ALM); the last RLI is never closed, so careless code lets it bleed into the text
 * after the name (the Trojan Source trick).
 */
export const BIDI_CONTROLS_NAME = '\u2066ltr\u2069 \u2067\u05E9\u05DC\u05D5\u05DD\u2069 \u2068fsi\u2069 \u200Emarks\u200F\u061C \u2067unclosed';

/**
 * A lone high surrogate: not valid UTF-16, so not encodable as UTF-8 either. JSON.stringify writes
 * it as the escape `\ud800`, which the emulator must pass on as such (never as U+FFFD).
 * encodeURIComponent throws on it, so a client that builds a detail URL from it must cope.
 */
export const LONE_SURROGATE_NAME = 'lone\uD800surrogate';

/** Two live rooms with this one name: a client keyed by name must not merge or mix them up. */
export const TWIN_NAME = 'twin';

/** Shared by both participants of the rich room below. */
export const DUPLICATE_CONNECTION_ID = 'con_DUPLICATE0001';

/** A participant of the rich (OpenVidu-like) shape, as shapes.ts renders it. */
function sessionToken(id: string, userName: string, role: string): Record<string, unknown> {
  return {
    id,
    connectionId: DUPLICATE_CONNECTION_ID,
    sessionId: 'ses_Dup1icateC0nn',
    sessionName: 'duplicate connection',
    token: `wss://sink.invalid?sessionId=ses_Dup1icateC0nn&token=tok_${id}`,
    userName,
    role,
    location: 'Seoul, South Korea',
    platform: 'Chrome 88.0.4324.150 on Windows 10 64-bit',
    status: 'active',
    createdAt: '2024-06-01T11:00:00.000Z',
    updatedAt: '2024-06-01T11:00:00.000Z',
  };
}

/** Raw room JSON values (short shape, except the last), in this order. */
export const HOSTILE_UNICODE_ROOMS: readonly Readonly<Record<string, unknown>>[] = [
  { status: 'ON_GOING', user: 2, roomName: RIGHT_TO_LEFT_OVERRIDE_NAME },
  { status: 'ON_GOING', user: 3, roomName: BIDI_CONTROLS_NAME },
  { status: 'WAIT', user: 1, roomName: LONE_SURROGATE_NAME },
  { status: 'WAIT', user: 1, roomName: TWIN_NAME },
  { status: 'ON_GOING', user: 4, roomName: TWIN_NAME },
  {
    id: '990',
    domain: 'trial',
    sessionId: 'ses_Dup1icateC0nn',
    roomName: 'duplicate connection',
    status: 'OPEN',
    createdAt: '2024-06-01T11:00:00.000Z',
    sessionTokens: [sessionToken('tok_1', 'Alex Chen', 'MODERATOR'), sessionToken('tok_2', 'Sarah Lee', 'PUBLISHER')],
  },
];
