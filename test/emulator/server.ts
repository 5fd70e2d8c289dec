/**
 * A local emulator of the S-Connector HTTP API, for development, demos and tests (never shipped).
 *
 * One HTTP server serves both the API (/v1/*, as the document describes it) and the control API
 * (/__emulator/*, see controlRoutes.ts and control.ts). A second one, the redirect sink (sink.ts),
 * stands for another origin that `redirect` faults send clients to. Faults and latency apply before
 * normal handling of every non-control request; stats record each of those with its final status.
 * The server logs nothing itself (tokens and keys must never reach a log); `onRequest` lets the CLI
 * print one line per request.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api';
import { resolveOptions } from './config';
import { CONTROL_PREFIX, handleControl } from './controlRoutes';
import { SAMPLE_ACCESS_KEY, SAMPLE_SECRET_KEY } from './data';
import { Exchange } from './exchange';
import { answerWithFault } from './faultResponses';
import { startSink } from './sink';
import { EmulatorState } from './state';

export type { EmulatorConfig, EmulatorData, EmulatorStats, Fault, License, LiveRoom, Participant, RedirectStatus, SinkReport, SinkRequest, UsageRecord } from './types';

export interface EmulatorOptions {
  /** Default 0 = ephemeral (tests); main.ts defaults to 5000, the document's local sample port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** PRNG seed for generated data, default 1 (same seed => same data). */
  seed?: number;
  /** Generated live rooms in addition to the document's two sample rooms; default 5. */
  rooms?: number;
  /** Generated usage records in addition to the document's 4 sample records; default 2000. */
  records?: number;
  /** License room limit, default 10; may be below the number of rooms (over quota is a valid test state). */
  roomLimit?: number;
  /** Licenses served besides the document's sample one, each with its own keys and data (see extraLicenses.ts); default 0. */
  extraLicenses?: number;
  /** Session JSON shape, default 'short'. */
  shape?: 'short' | 'rich';
  /** How often live rooms change by themselves; 0 = frozen (default). */
  tickMs?: number;
  /** Added to every API response, default 0. */
  latencyMs?: number;
  /** If set, overrides the `expires` minutes asked in v1/auth. */
  tokenLifetimeSeconds?: number;
  /** Clock (ms) for token iat/exp, "now" in v1/static, the simulation, and the generated data's anchor; default Date.now. */
  now?: () => number;
  /** Called once per answered (or deliberately unanswered, status 0) non-control request. Never given headers or bodies. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export interface Emulator {
  /** E.g. 'http://127.0.0.1:5000' (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** The redirect sink, another origin on 127.0.0.1, e.g. 'http://127.0.0.1:40123' (no trailing slash). */
  readonly sinkUrl: string;
  /** Stops timers, destroys open sockets (of the sink too), resolves when closed. */
  close(): Promise<void>;
}

export const DEMO_ACCESS_KEY = SAMPLE_ACCESS_KEY;
/** The document's full sample secret key, verbatim. Public sample, not a real secret. */
export const DEMO_SECRET_KEY = SAMPLE_SECRET_KEY;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const state = new EmulatorState(resolved);
  const sleeps = new Set<NodeJS.Timeout>();
  let closed = false;

  /** A delay that close() can cancel (the request is then simply never answered; its socket is destroyed). */
  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        sleeps.delete(timer);
        resolve(!closed);
      }, ms);
      sleeps.add(timer);
    });

  const serveApi = async (req: http.IncomingMessage, res: http.ServerResponse, startedMs: number) => {
    let recorded = false;
    const ex = new Exchange(req, res, (status) => {
      if (recorded) return;
      recorded = true;
      state.stats.requests.push({ method: ex.method, path: ex.path, status });
      options.onRequest?.({ method: ex.method, path: ex.path, status, ms: Date.now() - startedMs });
    });
    const plan = state.faults.take(ex.path, ex.query);
    ex.bytesPerSecond = plan.bytesPerSecond;
    if (plan.fault?.type === 'hang') {
      return answerWithFault(ex, plan.fault, state);
    }
    const delayMs = state.config.latencyMs + plan.delayMs;
    if (delayMs > 0 && !(await sleep(delayMs))) {
      return;
    }
    if (plan.fault) {
      return answerWithFault(ex, plan.fault, state);
    }
    await handleApi(state, ex);
  };

  const server = http.createServer((req, res) => {
    const startedMs = Date.now();
    const path = (req.url ?? '/').split('?')[0]!;
    const isControl = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
    const work = isControl ? handleControl(state, new Exchange(req, res)) : serveApi(req, res, startedMs);
    work.catch((error: unknown) => {
      // A bug in the emulator must show up as a clear 500, not a hung test.
      if (!res.headersSent && !res.destroyed) {
        const message = error instanceof Error ? error.message : String(error);
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ status: false, message: `emulator error: ${message}` }));
      }
    });
  });

  const sink = await startSink(state).catch((error: unknown) => {
    state.dispose();
    throw error;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      state.dispose();
      sink.close();
      reject(error);
    });
    server.listen(resolved.port, resolved.host, () => resolve());
  });

  const port = (server.address() as AddressInfo).port;
  const hostInUrl = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    sinkUrl: state.sink.url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        state.dispose();
        for (const timer of sleeps) clearTimeout(timer);
        sleeps.clear();
        const stopped = [server, sink].map((s) => new Promise<void>((done) => s.close(() => done())));
        // Keep-alive, hanging and delayed requests would otherwise hold close() open.
        server.closeAllConnections();
        sink.closeAllConnections();
        void Promise.all(stopped).then(() => resolve());
      });
      return closing;
    },
  };
}
