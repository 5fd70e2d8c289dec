/**
 * Redirects never carry the secret key or the token: over real sockets, a server answers every
 * status that redirects, pointing at a second server (another origin) that records what reaches it.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../../src/api/errors';
import { DEMO_SECRET_KEY } from '../../emulator/server';
import { failure, makeStack } from './fixture';

interface Reached {
  readonly method: string;
  readonly path: string;
  readonly carriedToken: boolean;
  readonly carriedSecretKey: boolean;
}

async function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('api/http: redirects', () => {
  const reached: Reached[] = [];
  let sink: Awaited<ReturnType<typeof listen>>;
  let redirecting: Awaited<ReturnType<typeof listen>>;
  let status = 302;
  /** The sign-in works; every other request (or, with authToo, the sign-in too) is redirected. */
  let authToo = false;

  before(async () => {
    sink = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        reached.push({ method: req.method ?? '', path: req.url ?? '', carriedToken: req.headers['s-connector-jwt'] !== undefined, carriedSecretKey: body.includes(DEMO_SECRET_KEY) });
        res.writeHead(200, { 'content-type': 'application/json' });
        // What a client that followed would gladly take: a token, a license.
        res.end(JSON.stringify({ status: true, data: { accessToken: 'a.b.c', domain: 'sink', roomLimit: 1 } }));
      });
    });
    redirecting = await listen((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/v1/auth' && !authToo) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: true, data: { accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjEsImV4cCI6MzYwMX0.signature' } }));
          return;
        }
        res.writeHead(status, { location: `${sink.url}${req.url ?? '/'}?from=redirect`, 'content-type': 'application/json' });
        res.end('{"status":true,"data":{}}');
      });
    });
  });
  after(async () => {
    await sink.close();
    await redirecting.close();
  });
  beforeEach(() => {
    reached.length = 0;
    authToo = false;
  });

  for (const code of [301, 302, 303, 307, 308]) {
    it(`a ${code} on a GET is an error in words, and the token goes nowhere else`, async () => {
      status = code;
      const error = await failure(makeStack(redirecting.url).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'redirected', error.message);
      assert.equal(error.detail.status, code);
      assert.equal(error.message,
        `The server at ${redirecting.url} answered with a redirect to ${sink.url}/v1/info. S-Connector does not follow redirects with your keys; if ${sink.url}/v1/info is the right address, set it as the API URL.`);
      assert.deepEqual(reached, [], 'nothing reached the other origin');
    });

    it(`a ${code} on the sign-in POST is an error, and the secret key is never re-sent`, async () => {
      status = code;
      authToo = true;
      const error = await failure(makeStack(redirecting.url).client.rooms());
      assert.ok(error instanceof ApiError && error.kind === 'redirected', error.message);
      assert.ok(!error.message.includes(DEMO_SECRET_KEY));
      assert.deepEqual(reached, [], 'nothing reached the other origin');
    });
  }

  it('is not retried: one attempt, one answer', async () => {
    status = 307;
    const { client, records } = makeStack(redirecting.url);
    await failure(client.rooms());
    assert.deepEqual(records.map((r) => `${r.method} ${r.path} ${r.status} ${r.error ?? ''}`.trim()), ['POST /v1/auth 200', 'GET /v1/sessions 307 redirected']);
  });
});
