/**
 * The redirect sink: a second HTTP server on 127.0.0.1 (its own ephemeral port, so another origin)
 * that `redirect` faults send clients to by default. Security tests ask it afterwards what a client
 * carried across origins: the token header, the secret key in a body.
 *
 * It records what arrived but never the raw header values or bodies, which may hold secrets: only
 * whether a token or a key was there, and how big the body was. It answers everything with a 200 and
 * a plausible `{status: true, data}` envelope, the answer a careless client would accept (a real
 * attacker's server would do the same).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAMPLE_SECRET_KEY } from './data';
import type { EmulatorState } from './state';
import type { SinkReport, SinkRequest } from './types';

/** The sink's records; lives in EmulatorState so that reset clears them with everything else. */
export class SinkLog {
  /** Set once the sink listens. */
  url = '';
  private requests: SinkRequest[] = [];

  add(request: SinkRequest): void {
    this.requests.push(request);
  }

  clear(): void {
    this.requests = [];
  }

  report(): SinkReport {
    return { url: this.url, requests: this.requests.map((r) => ({ ...r })) };
  }
}

/** Starts the sink on 127.0.0.1, records into `state.sink` and sets its url; resolves with the listening server. */
export async function startSink(state: EmulatorState): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    record(state, req).then(
      () => answer(req, res),
      () => res.destroy(), // the client went away mid-body: nothing to answer
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return server;
}

async function record(state: EmulatorState, req: http.IncomingMessage): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  // The socket's own address, not the Host header: no header value is ever kept.
  const { localAddress, localPort } = req.socket;
  const origin = localAddress && localPort ? `http://${localAddress}:${localPort}` : state.sink.url;
  // Keys as configured when the request arrives; the sample key too, since clients may have kept it.
  const scan = new NeedleScan(secretForms([state.config.secretKey, SAMPLE_SECRET_KEY]));
  let bodyBytes = 0;
  try {
    for await (const chunk of req) {
      bodyBytes += (chunk as Buffer).length;
      scan.push(chunk as Buffer);
    }
  } finally {
    state.sink.add({
      method: req.method ?? 'GET',
      path,
      origin,
      carriedToken: req.headers['s-connector-jwt'] !== undefined,
      carriedSecretKey: scan.found,
      bodyBytes,
    });
  }
}

function answer(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
  const data =
    path === '/v1/info' ? { domain: 'sink', roomLimit: 100, enabled: 1, createdAt: '2020-12-22T15:00:00.000Z' }
    : path === '/v1/sessions' ? []
    : path === '/v1/static' ? { domain: 'https://sink.invalid', totalSecond: 0, detail: [] }
    : { accessToken: 'sink-token' };
  const text = JSON.stringify({ status: true, data });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** A key as it may appear in a body: verbatim, JSON-escaped, percent-encoded. */
function secretForms(keys: readonly string[]): Buffer[] {
  const forms = new Set<string>();
  for (const key of keys) {
    forms.add(key);
    forms.add(JSON.stringify(key).slice(1, -1));
    try {
      forms.add(encodeURIComponent(key));
    } catch {
      // a lone surrogate cannot be percent-encoded; the other forms still count
    }
  }
  return [...forms].filter((form) => form !== '').map((form) => Buffer.from(form, 'utf8'));
}

/** Finds any of `needles` in a stream without keeping it: only the last (longest needle - 1) bytes carry over between chunks. */
class NeedleScan {
  found = false;
  private tail = Buffer.alloc(0);
  private readonly keep: number;

  constructor(private readonly needles: readonly Buffer[]) {
    this.keep = Math.max(0, ...needles.map((n) => n.length - 1));
  }

  push(chunk: Buffer): void {
    if (this.found) {
      return;
    }
    const window = Buffer.concat([this.tail, chunk]);
    this.found = this.needles.some((needle) => window.includes(needle));
    this.tail = Buffer.from(window.subarray(Math.max(0, window.length - this.keep)));
  }
}
