/**
 * A local HTTP server on 127.0.0.1 whose every answer a test scripts, and which records every
 * request it gets: for the transport and the token source over real sockets, where the emulator
 * would need a fault for each case.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  readonly method: string;
  /** Path and query, as received. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string goes out as it is; anything else as JSON, with a JSON content type unless headers name one. */
  readonly body?: unknown;
  /** Never answer (the client's timeout has to end it). */
  readonly hang?: boolean;
  /** Send the headers and part of the body, then stall. */
  readonly stallBody?: boolean;
  /** Close the connection without any answer. */
  readonly reset?: boolean;
  /** Answer only after this many milliseconds. */
  readonly delayMs?: number;
}

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly seen: Seen[];
  /** How every request from now on is answered. */
  answer(handler: (request: Seen, index: number) => Reply): void;
  close(): Promise<void>;
}

/** The S-Connector envelope around `data`. */
export function ok(data: unknown): Reply {
  return { body: { status: true, data } };
}

/** A JWT-shaped token with the given claims (the signature is never checked by the client). */
export function jwt(claims: Record<string, unknown>): string {
  return `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;
}

/** Writes `reply` as the answer to `req`. */
function send(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): void {
  if (reply.hang) return;
  if (reply.reset) {
    req.socket.destroy();
    return;
  }
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const json = reply.body !== undefined && typeof reply.body !== 'string';
  res.writeHead(reply.status ?? 200, { ...(json && { 'content-type': 'application/json' }), ...reply.headers });
  if (reply.stallBody) {
    res.write(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  res.end(text);
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const seen: Seen[] = [];
  let handler: (request: Seen, index: number) => Reply = () => ok({});
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request: Seen = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      const reply = handler(request, seen.length - 1);
      if (reply.delayMs) setTimeout(() => send(req, res, reply), reply.delayMs);
      else send(req, res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
