/**
 * The S-Connector API itself (/v1/*), as the document describes it, with the decisions taken where
 * it is silent: every error is `{status: false, message}` with a fitting HTTP status (400 bad input,
 * 401 bad/missing/expired/revoked token, 404 unknown path or room, 405 wrong method).
 */
import type { Auth } from './auth';
import { USAGE_DOMAIN, license } from './data';
import type { Exchange } from './exchange';
import type { ExtraLicense } from './extraLicenses';
import { renderRoom } from './shapes';
import type { EmulatorState } from './state';
import type { License } from './types';
import { DAY_MS, parseDay, type UsageLog } from './usageLog';

type Route = 'auth' | 'info' | 'sessions' | 'session' | 'static';

const AUTH_BODY_LIMIT = 64 * 1024;
const DEFAULT_EXPIRES_MINUTES = 60;

export async function handleApi(state: EmulatorState, ex: Exchange): Promise<void> {
  const match = matchRoute(ex.path);
  if (!match) {
    return ex.send(404, { status: false, message: 'not found' });
  }
  const allowed = match.route === 'auth' ? 'POST' : 'GET';
  // HEAD is answered like GET, as the usual Node frameworks do.
  const method = ex.method === 'HEAD' ? 'GET' : ex.method;
  if (method !== allowed) {
    return ex.send(405, { status: false, message: `method not allowed; use ${allowed}` }, { Allow: allowed });
  }
  if (match.route === 'auth') {
    return signIn(state, ex);
  }
  const served = servedFor(state, ex.req.headers['s-connector-jwt']);
  if (!served.ok) {
    return ex.send(401, { status: false, message: served.message });
  }
  switch (match.route) {
    case 'info':
      return ex.send(200, { status: true, data: served.license() });
    case 'sessions':
      return ex.send(200, { status: true, data: served.listRooms() });
    case 'session':
      return roomDetail(served, ex, match.segment);
    case 'static':
      return usage(state, served.usage, ex);
  }
}

/** What one license serves: its license, its live rooms (raw, in the configured shape), its usage. */
interface Served {
  license(): License;
  listRooms(): unknown[];
  findRoom(name: string): unknown;
  readonly usage: UsageLog;
}

/**
 * The license a token belongs to. A token signed by an extra license's key is that license's; any
 * other refusal is told as the main license's check tells it.
 */
function servedFor(state: EmulatorState, header: string | string[] | undefined): ({ ok: true } & Served) | { ok: false; message: string } {
  const token = state.auth.check(header);
  if (token.ok) return { ok: true, ...mainLicense(state) };
  const extra = state.extraLicenses.find((candidate) => candidate.auth.check(header).ok);
  return extra ? { ok: true, ...extraLicense(state, extra) } : { ok: false, message: token.message };
}

function extraLicense(state: EmulatorState, extra: ExtraLicense): Served {
  return {
    license: () => extra.license(),
    listRooms: () => extra.rooms.list().map((room) => renderRoom(room, state.config.shape)),
    findRoom: (name) => {
      const room = extra.rooms.find(name);
      return room && renderRoom(room, state.config.shape);
    },
    usage: extra.usage,
  };
}

/** The main license: its data follows the config and the room override. */
function mainLicense(state: EmulatorState): Served {
  return {
    license: () => license(state.config.roomLimit, state.config.enabled),
    listRooms: () => state.roomsOverride ?? state.rooms.list().map((room) => renderRoom(room, state.config.shape)),
    findRoom: (name) => {
      if (state.roomsOverride) {
        return state.roomsOverride.find((room) => typeof room === 'object' && room !== null && (room as { roomName?: unknown }).roomName === name);
      }
      const room = state.rooms.find(name);
      return room && renderRoom(room, state.config.shape);
    },
    usage: state.usage,
  };
}

/** Which license these keys sign in to: the main one's Auth, an extra one's, or none. */
function authFor(state: EmulatorState, accessKey: string, secretKey: string): Auth | undefined {
  if (state.auth.keysMatch(accessKey, secretKey)) return state.auth;
  return state.extraLicenses.find((extra) => extra.auth.keysMatch(accessKey, secretKey))?.auth;
}

function matchRoute(rawPath: string): { route: Route; segment: string } | undefined {
  // A trailing slash is tolerated, as Express (non-strict routing) does.
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  const fixed: Record<string, Route> = { '/v1/auth': 'auth', '/v1/info': 'info', '/v1/sessions': 'sessions', '/v1/static': 'static' };
  if (fixed[path]) {
    return { route: fixed[path], segment: '' };
  }
  // One path segment, like Express's `:room_name`: a raw `/` in a name means the client forgot to encode it.
  const room = /^\/v1\/sessions\/([^/]+)$/.exec(path);
  return room ? { route: 'session', segment: room[1]! } : undefined;
}

async function signIn(state: EmulatorState, ex: Exchange): Promise<void> {
  const body = await ex.readJson(AUTH_BODY_LIMIT);
  if (!body.ok) {
    return ex.send(body.status, { status: false, message: body.message });
  }
  const input = body.value;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return ex.send(400, { status: false, message: 'body must be a JSON object with accessKey and secretKey' });
  }
  const { accessKey, secretKey, expires, isOwner } = input as Record<string, unknown>;
  if (typeof accessKey !== 'string' || accessKey === '' || typeof secretKey !== 'string' || secretKey === '') {
    return ex.send(400, { status: false, message: 'accessKey and secretKey are required strings' });
  }
  if (expires !== undefined && !(typeof expires === 'number' && Number.isFinite(expires) && expires > 0)) {
    return ex.send(400, { status: false, message: 'expires must be a positive number of minutes' });
  }
  if (isOwner !== undefined && typeof isOwner !== 'boolean') {
    return ex.send(400, { status: false, message: 'isOwner must be true or false' });
  }
  // Never echo what was sent: a wrong secret key is still someone's secret.
  const auth = authFor(state, accessKey, secretKey);
  if (!auth) {
    return ex.send(401, { status: false, message: 'invalid accessKey or secretKey' });
  }
  const lifetimeSeconds = state.config.tokenLifetimeSeconds ?? (expires ?? DEFAULT_EXPIRES_MINUTES) * 60;
  state.stats.auth += 1;
  state.stats.signIns.push({ accessKey, ...(expires !== undefined && { expires }), ...(isOwner !== undefined && { isOwner }) });
  return ex.send(200, { status: true, data: { accessToken: auth.issue(lifetimeSeconds, isOwner === true) } });
}

function roomDetail(served: Served, ex: Exchange, segment: string): void {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return ex.send(400, { status: false, message: 'malformed room name in path (bad percent-encoding)' });
  }
  const found = served.findRoom(name);
  return found === undefined ? ex.send(404, { status: false, message: 'room not found' }) : ex.send(200, { status: true, data: found });
}

/** v1/static: records created from startTime 00:00 to the end of endTime (inclusive), UTC days; see parseDay. */
function usage(state: EmulatorState, log: UsageLog, ex: Exchange): void {
  const params = new URLSearchParams(ex.query);
  const startText = params.get('startTime');
  const endText = params.get('endTime');
  if (startText === null || startText === '') {
    return ex.send(400, { status: false, message: 'startTime is required (YYYY-MM-DD)' });
  }
  const start = parseDay(startText);
  if (start === undefined) {
    return ex.send(400, { status: false, message: 'startTime must be a date YYYY-MM-DD' });
  }
  let end: number;
  if (endText === null || endText === '') {
    end = state.now() + 1; // "until now", now included
  } else {
    const endDay = parseDay(endText);
    if (endDay === undefined) {
      return ex.send(400, { status: false, message: 'endTime must be a date YYYY-MM-DD' });
    }
    if (endDay < start) {
      return ex.send(400, { status: false, message: 'endTime is before startTime' });
    }
    end = endDay + DAY_MS;
  }
  const report = log.range(start, end);
  return ex.send(200, { status: true, data: { domain: USAGE_DOMAIN, totalSecond: report.totalSecond, detail: report.detail } });
}
