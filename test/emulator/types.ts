/**
 * The shapes shared by the emulator server and its control client.
 *
 * This file holds types only (no runtime code), so that `control.ts` can use them without pulling
 * the server into a VS Code extension host that only needs to talk to an emulator over HTTP.
 */

/** The statuses a `redirect` fault may answer with (the ones clients follow). */
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/** A misbehaviour injected into the next matching API request(s). */
export type Fault =
  | { type: 'latency'; ms: number; path?: string; query?: string; times?: number }
  /** The normal answer, its body sent at `bytesPerSecond` (a big answer over a slow link). */
  | { type: 'trickle'; bytesPerSecond: number; path?: string; query?: string; times?: number }
  | { type: 'status'; status: number; message?: string; path?: string; query?: string; times?: number }
  /** `seconds` up to 4_000_000_000 (beyond what setTimeout holds); `httpDate: true` sends an IMF-fixdate instead of delta-seconds. */
  | { type: 'retryAfter'; seconds: number; httpDate?: boolean; path?: string; query?: string; times?: number }
  /** `location` defaults to the redirect sink's origin + the same path and query; any header-safe string overrides it. */
  | { type: 'redirect'; status: RedirectStatus; location?: string; path?: string; query?: string; times?: number }
  | { type: 'reset'; path?: string; query?: string; times?: number }
  | { type: 'nonJson'; path?: string; query?: string; times?: number }
  | { type: 'statusFalse'; message?: string; path?: string; query?: string; times?: number }
  | { type: 'hang'; path?: string; query?: string; times?: number };

export type FaultType = Fault['type'];

/** What can be changed at run time with `PATCH /__emulator/config`. */
export interface EmulatorConfig {
  shape: 'short' | 'rich';
  roomLimit: number;
  /** Reported by v1/info as 1 / 0; nothing else changes (the document does not say what a disabled license does). */
  enabled: boolean;
  latencyMs: number;
  /** When not null, every token lives this many seconds, whatever `expires` v1/auth was asked for. */
  tokenLifetimeSeconds: number | null;
  /** Changing it models keys rotated or revoked: the old secret no longer signs in and older tokens get 401. */
  secretKey: string;
  /** How often live rooms change by themselves; 0 = frozen. */
  tickMs: number;
}

export interface EmulatorStats {
  /** Successful v1/auth sign-ins. */
  auth: number;
  /** Each successful sign-in: which license (access key), and the `expires` and `isOwner` it asked for. */
  signIns: { accessKey: string; expires?: number; isOwner?: boolean }[];
  /** Every non-control request, in the order the answers were decided. `path` is the raw path, without the query. 0 = no answer (reset / hang). */
  requests: { method: string; path: string; status: number }[];
}

/**
 * One request that reached the redirect sink. Never a raw header value or body (they may hold
 * secrets): only whether a token or a secret key was in them.
 */
export interface SinkRequest {
  method: string;
  /** The raw path, without the query. */
  path: string;
  /** The origin the request was sent to (the sink's address), e.g. 'http://127.0.0.1:40123'. */
  origin: string;
  /** An `s-connector-jwt` header was present. */
  carriedToken: boolean;
  /** The body held the currently configured secret key or the document's sample secret key. */
  carriedSecretKey: boolean;
  bodyBytes: number;
}

/** What `GET /__emulator/sink` answers. */
export interface SinkReport {
  /** The sink's origin, e.g. 'http://127.0.0.1:40123' (no trailing slash). */
  url: string;
  /** Oldest first. */
  requests: SinkRequest[];
}

/** The license, as v1/info serves it. */
export interface License {
  domain: string;
  roomLimit: number;
  enabled: number;
  createdAt: string;
}

export type RoomStatus = 'WAIT' | 'ON_GOING';
export type ParticipantRole = 'PUBLISHER' | 'SUBSCRIBER' | 'MODERATOR';

/** One person in a live room: the emulator's internal form, which the rich shape shows as a `sessionToken`. */
export interface Participant {
  id: string;
  connectionId: string;
  token: string;
  userName: string;
  role: ParticipantRole;
  location: string;
  platform: string;
  createdAt: string;
  updatedAt: string;
}

/** A live room in the emulator's internal form; `shapes.ts` renders it in the short or rich API shape. */
export interface LiveRoom {
  id: string;
  sessionId: string;
  roomName: string;
  status: RoomStatus;
  createdAt: string;
  participants: Participant[];
}

/** One finished meeting, as v1/static lists it. */
export interface UsageRecord {
  roomName: string;
  sessionTimeSecond: number;
  createdAt: string;
}

export interface EmulatorData {
  license: License;
  /** The simulated live rooms (internal form), in the order v1/sessions lists them. */
  rooms: LiveRoom[];
  /** The raw objects `PUT /__emulator/rooms` asked to serve instead of `rooms`, or null. */
  roomsOverride: unknown[] | null;
  /** Every usage record, oldest first. */
  records: UsageRecord[];
  /** The licenses served besides the main one, with their access key, license and live rooms. */
  extraLicenses: { accessKey: string; license: License; rooms: LiveRoom[]; records: UsageRecord[] }[];
}
