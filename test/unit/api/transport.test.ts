/**
 * HttpTransport over real sockets, against a scripted server: what goes out, how the envelope and
 * each kind of failure read, and which failures are retried.
 */
import * as assert from 'node:assert/strict';
import * as nodeHttp from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as zlib from 'node:zlib';
import { ApiError } from '../../../src/api/errors';
import { type ApiRequest, DEFAULT_HTTP_SETTINGS, type HttpSettings, HttpTransport, MAX_RETRY_AFTER_MS, parseRetryAfter, redact, type RequestRecord } from '../../../src/api/http';
import { failure } from './fixture';
import { ok, type ScriptedServer, startScriptedServer } from './scriptedServer';
import { selfSignedCertificate } from './selfSignedCert';

describe('api/http HttpTransport', () => {
  let server: ScriptedServer;
  let host: string;

  before(async () => {
    server = await startScriptedServer();
    host = new URL(server.url).host;
  });
  after(() => server.close());
  beforeEach(() => {
    server.seen.length = 0;
    server.answer(() => ok({ fine: true }));
  });

  function transport(settings: Partial<HttpSettings> = {}): { http: HttpTransport; records: RequestRecord[] } {
    const records: RequestRecord[] = [];
    const all: HttpSettings = { ...DEFAULT_HTTP_SETTINGS, retryBaseDelayMs: 1, timeoutMs: 2_000, ...settings };
    return { http: new HttpTransport(() => all, (record) => records.push(record)), records };
  }

  const get = (request: Partial<ApiRequest> = {}): ApiRequest => ({ baseUrl: server.url, method: 'GET', path: 'v1/info', ...request });

  /** The error `request` ends in, after every retry. */
  async function errorOf(request: ApiRequest = get(), settings: Partial<HttpSettings> = {}): Promise<ApiError> {
    const error = await failure(transport(settings).http.send(request));
    assert.ok(error instanceof ApiError, String(error));
    return error;
  }

  describe('what goes out', () => {
    it('sends a GET with the token header, asking for JSON, with no body', async () => {
      const data = await transport().http.send(get({ token: 'the.token.value', query: { startTime: '2021-02-20', endTime: undefined } }));
      assert.deepEqual(data, { fine: true });
      const [request] = server.seen;
      assert.equal(request?.method, 'GET');
      assert.equal(request?.path, '/v1/info?startTime=2021-02-20');
      assert.equal(request?.headers['s-connector-jwt'], 'the.token.value');
      assert.equal(request?.headers.accept, 'application/json');
      assert.equal(request?.headers['content-type'], undefined);
      assert.equal(request?.body, '');
    });

    it('sends a POST body as JSON, and no token header without a token', async () => {
      await transport().http.send({ baseUrl: `${server.url}/api/`, method: 'POST', path: 'v1/auth', body: { a: 1, b: '회의' } });
      const [request] = server.seen;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/v1/auth');
      assert.equal(request?.headers['content-type'], 'application/json');
      assert.equal(request?.headers['s-connector-jwt'], undefined);
      assert.deepEqual(JSON.parse(request?.body ?? ''), { a: 1, b: '회의' });
    });

    it('counts every attempt it starts, and records each without headers, keys or tokens', async () => {
      server.answer((_, index) => (index === 0 ? { status: 502 } : ok([])));
      const { http, records } = transport();
      assert.equal(http.requestsStarted, 0);
      await http.send(get({ token: 'secret-token', query: { a: 'b c' } }));
      assert.equal(http.requestsStarted, 2);
      assert.deepEqual(records.map(({ durationMs, ...rest }) => rest), [
        { method: 'GET', path: '/v1/info?a=b+c', attempt: 1, status: 502, error: 'httpStatus' },
        { method: 'GET', path: '/v1/info?a=b+c', attempt: 2, status: 200 },
      ]);
      assert.ok(records.every((record) => record.durationMs >= 0 && record.durationMs < 2_000));
    });

    it('records a failure before any answer without a status', async () => {
      server.answer(() => ({ reset: true }));
      const { http, records } = transport({ maxRetries: 0 });
      await failure(http.send(get()));
      assert.deepEqual(records.map(({ durationMs, ...rest }) => rest), [{ method: 'GET', path: '/v1/info', attempt: 1, status: undefined, error: 'unreachable' }]);
    });

    it('refuses a bad API URL before sending anything', async () => {
      const { http } = transport();
      const error = await failure(http.send(get({ baseUrl: 'ftp://example.com' })));
      assert.ok(error instanceof ApiError && error.kind === 'invalidInput');
      assert.equal(http.requestsStarted, 0);
    });
  });

  describe('the envelope', () => {
    it("returns data of any JSON type, falsy ones included", async () => {
      for (const data of [[1, 2], 'text', 0, false, null]) {
        server.answer(() => ok(data));
        assert.deepEqual(await transport().http.send(get()), data);
      }
    });

    it('takes any 2xx status', async () => {
      server.answer(() => ({ ...ok('created'), status: 201 }));
      assert.equal(await transport().http.send(get()), 'created');
      server.answer(() => ({ ...ok('last'), status: 299 }));
      assert.equal(await transport().http.send(get()), 'last');
    });

    it("reads status: false as refused, with the server's message", async () => {
      server.answer(() => ({ body: { status: false, message: 'quota service unavailable', data: {} } }));
      const error = await errorOf();
      assert.equal(error.kind, 'refused');
      assert.equal(error.message, 'The S-Connector server refused the request: quota service unavailable');
      assert.deepEqual(error.detail, { serverMessage: 'quota service unavailable' });
    });

    it('reads status: false without a message as refused without saying why', async () => {
      for (const body of [{ status: false }, { status: false, message: '' }, { status: false, message: 42 }, { status: false, message: ' \n ' }]) {
        server.answer(() => ({ body }));
        const error = await errorOf();
        assert.equal(error.kind, 'refused', JSON.stringify(body));
        assert.equal(error.message, 'The S-Connector server refused the request without saying why.');
        assert.deepEqual(error.detail, {});
      }
    });

    it("takes the server's words from `error` when there is no `message`", async () => {
      server.answer(() => ({ body: { status: false, error: 'no such room' } }));
      assert.equal((await errorOf()).message, 'The S-Connector server refused the request: no such room');
      server.answer(() => ({ body: { status: false, message: 'from message', error: 'from error' } }));
      assert.equal((await errorOf()).message, 'The S-Connector server refused the request: from message');
    });

    it('takes only status: false as a refusal', async () => {
      for (const status of [true, 0, 'false', null, undefined]) {
        server.answer(() => ({ body: { status, data: 'yes' } }));
        assert.equal(await transport().http.send(get()), 'yes', String(status));
      }
    });

    it('explains an answer without data', async () => {
      server.answer(() => ({ body: { status: true } }));
      const error = await errorOf();
      assert.equal(error.kind, 'unexpectedResponse');
      assert.equal(error.message, `The S-Connector server at ${host} answered without any data.`);
    });

    it('explains JSON that is not an object', async () => {
      for (const body of ['[1,2]', 'null', '42', '"text"']) {
        server.answer(() => ({ body, headers: { 'content-type': 'application/json' } }));
        const error = await errorOf();
        assert.equal(error.kind, 'unexpectedResponse', body);
        assert.equal(error.message, `The S-Connector server at ${host} answered in a form this extension does not understand.`);
      }
    });

    it('explains an answer that is not JSON, naming its content type', async () => {
      server.answer(() => ({ body: '<html>login</html>', headers: { 'content-type': 'text/html; charset=utf-8' } }));
      let error = await errorOf();
      assert.equal(error.kind, 'unexpectedResponse');
      assert.equal(error.message, `The S-Connector server at ${host} answered with something that is not JSON (text/html). A proxy or gateway may be in the way; check the API URL.`);
      server.answer(() => ({ body: '' }));
      error = await errorOf();
      assert.equal(error.message, `The S-Connector server at ${host} answered with something that is not JSON (no content type). A proxy or gateway may be in the way; check the API URL.`);
    });
  });

  describe('HTTP errors', () => {
    it('explains a refused sign-in, repeating what the server said', async () => {
      for (const status of [401, 403]) {
        server.answer(() => ({ status, body: { status: false, message: 'token expired' } }));
        const error = await errorOf();
        assert.equal(error.kind, 'httpStatus');
        assert.equal(error.message, `The S-Connector server at ${host} did not accept the sign-in (HTTP ${status}). The server said: token expired`);
        assert.deepEqual(error.detail, { status, serverMessage: 'token expired' });
      }
    });

    it('explains an unknown address', async () => {
      server.answer(() => ({ status: 404, body: 'Not Found' }));
      const error = await errorOf();
      assert.equal(error.message, `The S-Connector server at ${host} does not know this address (HTTP 404).`);
      assert.deepEqual(error.detail, { status: 404 });
    });

    it('explains other 4xx and 3xx statuses as a rejected request', async () => {
      for (const status of [400, 418, 304]) {
        server.answer(() => ({ status }));
        const error = await errorOf();
        assert.equal(error.kind, 'httpStatus');
        assert.equal(error.message, `The S-Connector server at ${host} rejected the request (HTTP ${status}).`);
      }
    });

    it('takes no 3xx without a Location for an answer, even with an envelope in it', async () => {
      server.answer(() => ({ ...ok('looks fine'), status: 300 }));
      const error = await errorOf();
      assert.equal(error.kind, 'httpStatus');
      assert.deepEqual(error.detail, { status: 300 });
    });

    it('explains a server error, and that it will be tried again', async () => {
      server.answer(() => ({ status: 500, body: { message: 'database down' } }));
      const error = await errorOf(get(), { maxRetries: 0 });
      assert.equal(error.message, `The S-Connector server at ${host} has a problem (HTTP 500); it will be tried again. The server said: database down`);
    });

    it('says when to try again after a 429, in seconds', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ 'retry-after': '120' }, 'Try again in 120 seconds.'],
        [{ 'retry-after': '1' }, 'Try again in 1 second.'],
        [{ 'retry-after': '0' }, 'Try again in 1 second.'],
        [{}, 'Try again shortly.'],
        [{ 'retry-after': 'soon' }, 'Try again shortly.'],
      ];
      for (const [headers, advice] of cases) {
        server.answer(() => ({ status: 429, headers }));
        const error = await errorOf(get(), { maxRetries: 0 });
        assert.equal(error.message, `The S-Connector server at ${host} is receiving too many requests (HTTP 429). ${advice}`, JSON.stringify(headers));
      }
      server.answer(() => ({ status: 429, headers: { 'retry-after': '120' } }));
      assert.deepEqual((await errorOf(get(), { maxRetries: 0 })).detail, { status: 429, retryAfterMs: 120_000 });
    });

    it('scrubs every credential of the request from what the server said', async () => {
      server.answer(() => ({ status: 400, body: { message: 'bad key AKIA-1234 and token tok-5678, again AKIA-1234; short abc' } }));
      const error = await errorOf(get({ secrets: ['AKIA-1234', 'tok-5678', 'abc'] }));
      assert.equal(error.detail.serverMessage, 'bad key ••• and token •••, again •••; short abc');
      assert.ok(!error.message.includes('AKIA-1234') && !error.message.includes('tok-5678'));
    });

    it('cleans what the server said of control characters and Markdown links', async () => {
      server.answer(() => ({ status: 400, body: { message: 'line one\nline two [here](command:evil)' } }));
      assert.equal((await errorOf()).detail.serverMessage, 'line one line two [here] (command:evil)');
    });
  });

  describe('Location headers', () => {
    const elsewhere = 'http://elsewhere.example/v1/info';

    it('refuses every 3xx with a Location, the first and last of the range included', async () => {
      for (const status of [300, 399]) {
        server.answer(() => ({ ...ok('moved'), status, headers: { location: elsewhere } }));
        const error = await errorOf();
        assert.equal(error.kind, 'redirected', String(status));
        assert.deepEqual(error.detail, { status });
      }
    });

    it('takes a 2xx with a Location as the answer it is', async () => {
      server.answer(() => ({ ...ok('created'), status: 201, headers: { location: elsewhere } }));
      assert.equal(await transport().http.send(get()), 'created');
      server.answer(() => ({ ...ok('fine'), headers: { location: elsewhere } }));
      assert.equal(await transport().http.send(get()), 'fine');
    });

    it('reads a 4xx with a Location as the HTTP error it is', async () => {
      server.answer(() => ({ status: 401, headers: { location: elsewhere }, body: { status: false, message: 'sign in first' } }));
      const error = await errorOf();
      assert.equal(error.kind, 'httpStatus');
      assert.deepEqual(error.detail, { status: 401, serverMessage: 'sign in first' });
    });
  });

  describe('network failures', () => {
    it('explains a connection that was refused', async () => {
      const error = await errorOf(get({ baseUrl: 'http://127.0.0.1:1' }), { maxRetries: 0 });
      assert.equal(error.kind, 'unreachable');
      assert.equal(error.message, 'Cannot reach the S-Connector server at 127.0.0.1:1: the connection was refused. Check the API URL and that the server is running.');
    });

    it('explains a connection closed before an answer', async () => {
      server.answer(() => ({ reset: true }));
      const error = await errorOf(get(), { maxRetries: 0 });
      assert.equal(error.kind, 'unreachable');
      assert.equal(error.message, `Cannot reach the S-Connector server at ${host}: the connection was closed before an answer came.`);
    });

    it('explains a name that does not resolve', async () => {
      const error = await errorOf(get({ baseUrl: 'http://no-such-host.invalid' }), { maxRetries: 0 });
      assert.equal(error.kind, 'unreachable');
      assert.equal(error.message, 'Cannot reach the S-Connector server at no-such-host.invalid: its name could not be resolved. Check the API URL and your network connection.');
    });

    it('says when the TLS certificate is not trusted, naming why', async () => {
      const tlsServer = https.createServer(selfSignedCertificate(), (_, res) => res.end(JSON.stringify({ status: true, data: 'never read' })));
      await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
      const address = `127.0.0.1:${(tlsServer.address() as net.AddressInfo).port}`;
      try {
        const error = await errorOf(get({ baseUrl: `https://${address}` }), { maxRetries: 0 });
        assert.equal(error.kind, 'unreachable');
        assert.equal(error.message, `Cannot reach the S-Connector server at ${address}: its TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT).`);
      } finally {
        tlsServer.close();
      }
    });

    it('names the code of a TLS handshake that fails for another reason than the certificate', async () => {
      // https:// to a server that speaks plain HTTP: the handshake fails with EPROTO.
      const error = await errorOf(get({ baseUrl: server.url.replace('http:', 'https:') }), { maxRetries: 0 });
      assert.equal(error.kind, 'unreachable');
      assert.equal(error.message, `Cannot reach the S-Connector server at ${host}: the connection failed (EPROTO).`);
    });

    it('explains a connection that fails for another reason, naming the code', async () => {
      // A server that answers with something that is not HTTP at all.
      const garbage = net.createServer((socket) => socket.end('not http\r\n\r\n'));
      await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
      const address = `127.0.0.1:${(garbage.address() as net.AddressInfo).port}`;
      try {
        const error = await errorOf(get({ baseUrl: `http://${address}` }), { maxRetries: 0 });
        assert.equal(error.kind, 'unreachable');
        assert.match(error.message, new RegExp(`^Cannot reach the S-Connector server at ${address.replace(/\./g, '\\.')}: the connection failed( \\(\\w+\\))?\\.$`));
      } finally {
        garbage.close();
      }
    });

    it('stops reading an answer larger than 128 MB, and says so', async () => {
      const megabyte = Buffer.alloc(1024 * 1024, ' ');
      const huge = nodeHttp.createServer((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const pump = (): void => {
          while (sent < 130 && !res.destroyed) {
            sent++;
            if (!res.write(megabyte)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
      });
      await new Promise<void>((resolve) => huge.listen(0, '127.0.0.1', resolve));
      const address = `127.0.0.1:${(huge.address() as net.AddressInfo).port}`;
      try {
        const error = await errorOf(get({ baseUrl: `http://${address}` }), { timeoutMs: 15_000 });
        assert.equal(error.kind, 'tooLarge');
        assert.equal(error.message, `The S-Connector server at ${address} sent an answer larger than 128 MB; it was not read.`);
      } finally {
        huge.closeAllConnections();
        huge.close();
      }
    });

    /** A server that answers 200 with these headers, then writes `parts` one by one, each after the client read the last. */
    async function serving(headers: nodeHttp.OutgoingHttpHeaders, parts: readonly Buffer[]): Promise<{ url: string; close(): void }> {
      const server = nodeHttp.createServer((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json', ...headers });
        const next = (i: number): void => {
          if (i === parts.length) {
            res.end();
            return;
          }
          res.write(parts[i], () => setImmediate(() => next(i + 1)));
        };
        next(0);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      };
    }

    /** Reads a streamed answer, counting its bytes; what onProgress was told. */
    async function progressOf(url: string): Promise<{ bytes: number; totalBytes?: number }[]> {
      const told: { bytes: number; totalBytes?: number }[] = [];
      await transport().http.sendReading(get({ baseUrl: url, onProgress: (progress) => told.push(progress) }), () => ({
        push: () => undefined,
        finish: () => Promise.resolve({ json: { ok: true, value: { status: true, data: {} } }, kept: undefined }),
        drop: () => undefined,
      }));
      return told;
    }

    it('refuses an answer that says it is larger than 128 MB before reading a byte of it', async () => {
      // It says so, then sends nothing: reading would wait for the timeout.
      const liar = nodeHttp.createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(129 * 1024 * 1024) }).flushHeaders());
      await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
      const address = `127.0.0.1:${(liar.address() as net.AddressInfo).port}`;
      try {
        const error = await failure(transport({ timeoutMs: 60_000 }).http.sendReading(get({ baseUrl: `http://${address}` }), () => assert.fail('no reader for an answer too large')));
        assert.ok(error instanceof ApiError);
        assert.equal(error.kind, 'tooLarge');
      } finally {
        liar.closeAllConnections();
        liar.close();
      }
    });

    it('tells how many bytes of a streamed answer have come, of the length the server said', async () => {
      const parts = ['{"status":true,', '"data":{"a":', '1}}'].map((part) => Buffer.from(part));
      const length = parts.reduce((sum, part) => sum + part.length, 0);
      const said = await serving({ 'content-length': String(length) }, parts);
      const unsaid = await serving({ 'transfer-encoding': 'chunked' }, parts);
      const odd = await serving({ 'content-length': String(length), 'content-encoding': 'identity' }, parts);
      const zipped = zlib.gzipSync(Buffer.concat(parts));
      const compressed = await serving({ 'content-length': String(zipped.length), 'content-encoding': 'gzip' }, [zipped]);
      try {
        const withLength = await progressOf(said.url);
        assert.deepEqual(withLength.at(-1), { bytes: length, totalBytes: length });
        assert.ok(withLength.every((progress, i) => progress.totalBytes === length && (i === 0 || progress.bytes > withLength[i - 1]!.bytes)), JSON.stringify(withLength));
        assert.deepEqual((await progressOf(unsaid.url)).at(-1), { bytes: length }, 'no total when the server gave no length');
        assert.deepEqual((await progressOf(odd.url)).at(-1), { bytes: length, totalBytes: length }, 'identity is no compression');
        assert.deepEqual((await progressOf(compressed.url)).at(-1), { bytes: length }, 'a compressed length is no total for the bytes read');
      } finally {
        compressed.close();
        said.close();
        unsaid.close();
        odd.close();
      }
    });

    it('times out a server that never answers, in whole seconds, without retrying', async () => {
      server.answer(() => ({ hang: true }));
      const started = Date.now();
      const error = await errorOf(get(), { timeoutMs: 300 });
      assert.equal(error.kind, 'timeout');
      assert.equal(error.message, `The S-Connector server at ${host} did not answer within 1 second. It may be overloaded, or the network is slow; it will be tried again.`);
      assert.ok(Date.now() - started < 1_500);
      assert.equal(server.seen.length, 1, 'a timeout is not retried');
    });

    it('times out a body that stalls halfway', async () => {
      server.answer(() => ({ ...ok('x'.repeat(1000)), stallBody: true }));
      const error = await errorOf(get(), { timeoutMs: 1_600 });
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /did not answer within 2 seconds\./);
    });
  });

  describe('retries', () => {
    for (const status of [429, 500, 502, 503, 504]) {
      it(`retries a GET after HTTP ${status}, up to maxRetries times`, async () => {
        server.answer(() => ({ status }));
        const error = await errorOf(get(), { maxRetries: 2 });
        assert.equal(error.detail.status, status);
        assert.equal(server.seen.length, 3);
      });
    }

    for (const status of [400, 401, 404, 501, 505]) {
      it(`does not retry HTTP ${status}`, async () => {
        server.answer(() => ({ status }));
        await errorOf();
        assert.equal(server.seen.length, 1);
      });
    }

    it('does not retry an answer it cannot read', async () => {
      server.answer(() => ({ body: 'not json' }));
      await errorOf();
      server.answer(() => ({ body: { status: false } }));
      await errorOf();
      assert.equal(server.seen.length, 2);
    });

    it('retries a dropped connection and succeeds', async () => {
      server.answer((_, index) => (index < 2 ? { reset: true } : ok('third time')));
      assert.equal(await transport().http.send(get()), 'third time');
      assert.equal(server.seen.length, 3);
    });

    it('never retries a POST', async () => {
      server.answer(() => ({ status: 503 }));
      await errorOf({ ...get(), method: 'POST', body: {} });
      assert.equal(server.seen.length, 1);
    });

    it('sends once with no retries, or a negative number of them', async () => {
      for (const maxRetries of [0, -3]) {
        server.seen.length = 0;
        server.answer(() => ({ status: 503 }));
        await errorOf(get(), { maxRetries });
        assert.equal(server.seen.length, 1, String(maxRetries));
      }
    });

    it('waits out a Retry-After within maxRetryWaitMs, instead of its own backoff', async () => {
      // Without the Retry-After, the backoff (at least 30 s) would be above the longest wait.
      server.answer((_, index) => (index === 0 ? { status: 503, headers: { 'retry-after': '0' } } : ok('after the wait')));
      assert.equal(await transport({ retryBaseDelayMs: 60_000, maxRetryWaitMs: 10_000 }).http.send(get()), 'after the wait');
      server.seen.length = 0;
      server.answer((_, index) => (index === 0 ? { status: 503 } : ok('never')));
      const error = await errorOf(get(), { retryBaseDelayMs: 60_000, maxRetryWaitMs: 10_000 });
      assert.equal(error.detail.status, 503);
      assert.equal(server.seen.length, 1, 'a backoff above maxRetryWaitMs is not waited out');
    });

    it('waits for the Retry-After before retrying', async () => {
      server.answer((_, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : ok('done')));
      const started = Date.now();
      assert.equal(await transport().http.send(get()), 'done');
      assert.ok(Date.now() - started >= 950, 'waited about a second');
    });

    it('does not sit out a Retry-After longer than maxRetryWaitMs', async () => {
      server.answer(() => ({ status: 429, headers: { 'retry-after': '11' } }));
      const started = Date.now();
      const error = await errorOf(get(), { maxRetryWaitMs: 10_000 });
      assert.equal(error.detail.retryAfterMs, 11_000);
      assert.equal(server.seen.length, 1);
      assert.ok(Date.now() - started < 1_000);
    });

    it('waits out a Retry-After of exactly maxRetryWaitMs', async () => {
      server.answer((_, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : ok('done')));
      assert.equal(await transport({ maxRetryWaitMs: 1_000 }).http.send(get()), 'done');
    });
  });

  describe('helpers', () => {
    it('caps a Retry-After, in seconds or as a date, at an hour', () => {
      assert.equal(MAX_RETRY_AFTER_MS, 3_600_000);
      assert.equal(parseRetryAfter('3600'), 3_600_000);
      assert.equal(parseRetryAfter('3601'), MAX_RETRY_AFTER_MS);
      assert.equal(parseRetryAfter('99999999999'), MAX_RETRY_AFTER_MS);
      const now = Date.parse('2021-02-22T00:00:00Z');
      assert.equal(parseRetryAfter('Mon, 22 Feb 2021 00:30:00 GMT', now), 30 * 60_000);
      assert.equal(parseRetryAfter('Tue, 23 Mar 2021 00:00:00 GMT', now), MAX_RETRY_AFTER_MS);
      assert.equal(parseRetryAfter('Sun, 21 Feb 2021 00:00:00 GMT', now), 0, 'a date in the past means now');
      assert.equal(parseRetryAfter(' 7 '), 7_000);
      assert.equal(parseRetryAfter(''), undefined);
      assert.equal(parseRetryAfter('5 s'), undefined);
      assert.equal(parseRetryAfter('-5'), undefined, 'not the year 5 BC');
      assert.equal(parseRetryAfter('1.5'), undefined, 'not 5 January 2001');
    });

    it('takes a Retry-After date only in the HTTP form, which starts with the name of the day', () => {
      const now = Date.parse('2021-02-22T00:00:00Z');
      assert.equal(parseRetryAfter('Mon, 22 Feb 2021 00:30:00 GMT', now), 30 * 60_000);
      assert.equal(parseRetryAfter('Monday, 22-Feb-21 00:30:00 GMT', now), 30 * 60_000);
      assert.equal(parseRetryAfter('22 Feb 2021 00:30:00 GMT', now), undefined);
      assert.equal(parseRetryAfter('Mo, 22 Feb 2021 00:30:00 GMT', now), undefined);
    });

    it('redacts every occurrence of each secret of four or more characters', () => {
      assert.equal(redact('k=abcd k=abcd', ['abcd']), 'k=••• k=•••');
      assert.equal(redact('abc is short', ['abc']), 'abc is short');
      assert.equal(redact('one two', ['one', 'two!', 'two']), 'one two');
      assert.equal(redact('first secret, second secret2', ['secret2', 'secret']), 'first •••, second •••');
      assert.equal(redact('nothing', []), 'nothing');
    });
  });
});
