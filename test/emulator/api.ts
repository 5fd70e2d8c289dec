/**
 * The S-Connector API itself (/v1/*), as the document describes it, with the decisions taken where
 * it is silent: every error is `{status: false, message}` with a fitting HTTP status (400 bad input,
 * 401 bad/missing/expired/revoked token, 404 unknown path or room, 405 wrong method).
 */
import { USAGE_DOMAIN, license } from './data';
import type { Exchange } from './exchange';
import { renderRoom } from './shapes';
import type { EmulatorState } from './state';
import { DAY_MS, parseDay } from './usageLog';

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
  const token = state.auth.check(ex.req.headers['s-connector-jwt']);
  if (!token.ok) {
    return ex.send(401, { status: false, message: token.message });
  }
  switch (match.route) {
    case 'info':
      return ex.send(200, { status: true, data: license(state.config.roomLimit, state.config.enabled) });
    case 'sessions':
      return ex.send(200, { status: true, data: listRooms(state) });
    case 'session':
      return roomDetail(state, ex, match.segment);
    case 'static':
      return usage(state, ex);
  }
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
  if (!state.auth.keysMatch(accessKey, secretKey)) {
    return ex.send(401, { status: false, message: 'invalid accessKey or secretKey' });
  }
  const lifetimeSeconds = state.config.tokenLifetimeSeconds ?? (expires ?? DEFAULT_EXPIRES_MINUTES) * 60;
  state.stats.auth += 1;
  return ex.send(200, { status: true, data: { accessToken: state.auth.issue(lifetimeSeconds, isOwner === true) } });
}

function listRooms(state: EmulatorState): unknown[] {
  if (state.roomsOverride) {
    return state.roomsOverride;
  }
  return state.rooms.list().map((room) => renderRoom(room, state.config.shape));
}

function roomDetail(state: EmulatorState, ex: Exchange, segment: string): void {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return ex.send(400, { status: false, message: 'malformed room name in path (bad percent-encoding)' });
  }
  if (state.roomsOverride) {
    const found = state.roomsOverride.find(
      (room) => typeof room === 'object' && room !== null && (room as { roomName?: unknown }).roomName === name,
    );
    return found === undefined ? ex.send(404, { status: false, message: 'room not found' }) : ex.send(200, { status: true, data: found });
  }
  const room = state.rooms.find(name);
  return room ? ex.send(200, { status: true, data: renderRoom(room, state.config.shape) }) : ex.send(404, { status: false, message: 'room not found' });
}

/** v1/static: records created from startTime 00:00 to the end of endTime (inclusive), UTC days; see parseDay. */
function usage(state: EmulatorState, ex: Exchange): void {
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
  const report = state.usage.range(start, end);
  return ex.send(200, { status: true, data: { domain: USAGE_DOMAIN, totalSecond: report.totalSecond, detail: report.detail } });
}
