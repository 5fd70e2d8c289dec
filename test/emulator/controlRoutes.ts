/**
 * The control API under /__emulator/: how tests (in this process or in a VS Code extension host)
 * steer the emulator. No auth: it is loopback test tooling, and the emulator is never shipped.
 * Control requests see no faults or latency and are not counted in the stats, so steering a test
 * never disturbs what the test measures. Answers: `{status: true, data?}`, or 400 with a message.
 */
import { parseConfigPatch } from './config';
import type { Exchange } from './exchange';
import { parseFault } from './faults';
import type { EmulatorState } from './state';

export const CONTROL_PREFIX = '/__emulator';

/** Room lists of thousands of rich rooms can be large; 16 MB is plenty and still bounded. */
const CONTROL_BODY_LIMIT = 16 * 1024 * 1024;
const MAX_TICKS = 100_000;

type Handler = (state: EmulatorState, ex: Exchange, body: unknown) => void;

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  faults: {
    POST: (state, ex, body) => {
      const fault = parseFault(body);
      if (typeof fault === 'string') {
        return bad(ex, fault);
      }
      state.faults.add(fault);
      ok(ex);
    },
    DELETE: (state, ex) => {
      state.faults.clear();
      ok(ex);
    },
  },
  reset: {
    POST: (state, ex) => {
      state.reset();
      ok(ex);
    },
  },
  stats: {
    GET: (state, ex) => ok(ex, state.stats),
    DELETE: (state, ex) => {
      state.clearStats();
      ok(ex);
    },
  },
  data: {
    GET: (state, ex) => ok(ex, state.data()),
  },
  sink: {
    GET: (state, ex) => ok(ex, state.sink.report()),
    DELETE: (state, ex) => {
      state.sink.clear();
      ok(ex);
    },
  },
  rooms: {
    PUT: (state, ex, body) => {
      if (!Array.isArray(body)) {
        return bad(ex, 'body must be a JSON array of rooms (any objects; served verbatim)');
      }
      state.roomsOverride = body;
      ok(ex);
    },
  },
  tick: {
    POST: (state, ex, body) => {
      // The body is optional: no body means one step.
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        return bad(ex, 'body must be a JSON object like {"times": 3}');
      }
      const times = body === undefined ? 1 : ((body as { times?: unknown }).times ?? 1);
      if (!Number.isInteger(times) || (times as number) < 1 || (times as number) > MAX_TICKS) {
        return bad(ex, `times must be an integer from 1 to ${MAX_TICKS}`);
      }
      state.tick(times as number);
      ok(ex);
    },
  },
  config: {
    PATCH: (state, ex, body) => {
      const patch = parseConfigPatch(body);
      if (typeof patch === 'string') {
        return bad(ex, patch);
      }
      state.configure(patch);
      ok(ex);
    },
  },
};

export async function handleControl(state: EmulatorState, ex: Exchange): Promise<void> {
  const name = ex.path.slice(CONTROL_PREFIX.length + 1).replace(/\/+$/, '');
  const route = Object.prototype.hasOwnProperty.call(ROUTES, name) ? ROUTES[name] : undefined;
  if (!route) {
    return ex.send(404, { status: false, message: `unknown control path; use ${Object.keys(ROUTES).map((r) => `${CONTROL_PREFIX}/${r}`).join(', ')}` });
  }
  const handler = route[ex.method];
  if (!handler) {
    const allowed = Object.keys(route).join(', ');
    return ex.send(405, { status: false, message: `method not allowed; use ${allowed}` }, { Allow: allowed });
  }
  const body = await ex.readJson(CONTROL_BODY_LIMIT);
  if (!body.ok) {
    return ex.send(body.status, { status: false, message: body.message });
  }
  handler(state, ex, body.value);
}

function ok(ex: Exchange, data?: unknown): void {
  ex.send(200, data === undefined ? { status: true } : { status: true, data });
}

function bad(ex: Exchange, message: string): void {
  ex.send(400, { status: false, message });
}
