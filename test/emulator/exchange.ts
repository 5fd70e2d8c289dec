/**
 * One request and its answer, with the small HTTP chores every route needs: the raw path and query,
 * reading a bounded body, JSON answers. Answers go through `send`/`sendText` only, so the status
 * each request ended with is recorded exactly once, at the moment it is decided.
 */
import type * as http from 'node:http';

export type Recorder = (status: number) => void;

export class Exchange {
  readonly method: string;
  /** The raw (still percent-encoded) path: room names may contain `/`, `?`, `#`, `%`, so decoding is the route's job. */
  readonly path: string;
  /** The raw query string, without `?`. */
  readonly query: string;

  constructor(
    readonly req: http.IncomingMessage,
    readonly res: http.ServerResponse,
    private readonly record: Recorder = () => {},
  ) {
    this.method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.path = q === -1 ? url : url.slice(0, q);
    this.query = q === -1 ? '' : url.slice(q + 1);
  }

  send(status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
    this.sendText(status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
  }

  sendText(status: number, contentType: string, text: string, headers: http.OutgoingHttpHeaders = {}): void {
    this.record(status);
    if (this.res.destroyed || this.res.headersSent) {
      return; // the client gave up (e.g. during injected latency); nothing left to answer
    }
    this.res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
    if (this.bytesPerSecond === undefined) {
      this.res.end(text);
      return;
    }
    // A slow link: a slice every 50 ms, until the client has it all or goes away.
    const body = Buffer.from(text);
    const slice = Math.max(1, Math.round(this.bytesPerSecond / 20));
    const send = (from: number): void => {
      if (this.res.destroyed) return;
      if (from + slice >= body.length) {
        this.res.end(body.subarray(from));
        return;
      }
      this.res.write(body.subarray(from, from + slice));
      setTimeout(() => send(from + slice), 50);
    };
    send(0);
  }

  /** Sends the answer's body at this rate (a trickle fault); at once when undefined. */
  bytesPerSecond: number | undefined;

  /** Marks a request that gets no answer at all (a dropped connection, a hang). */
  noAnswer(): void {
    this.record(0);
  }

  /** Reads the body as UTF-8 text; undefined when it is larger than `limit` bytes. */
  async readBody(limit: number): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        return undefined;
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /**
   * Reads a JSON body. `{ok: false}` carries the message for a 400 (or 413); an empty body is
   * `undefined` so routes can decide whether a body is optional.
   */
  async readJson(limit: number): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
    const text = await this.readBody(limit);
    if (text === undefined) {
      return { ok: false, status: 413, message: `body larger than ${limit} bytes` };
    }
    if (text.trim() === '') {
      return { ok: true, value: undefined };
    }
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, status: 400, message: 'body is not valid JSON' };
    }
  }
}
