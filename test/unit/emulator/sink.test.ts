import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../../emulator/server';
import type { RedirectStatus } from '../../emulator/types';
import { call, start, useSignedInEmulator, type Running } from './helpers';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request with node:http, which never follows redirects; `chunks` are written apart, so the body arrives in pieces. */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    const chunks = init.chunks ?? [];
    const writeNext = (i: number) => {
      if (i === chunks.length) {
        req.end();
        return;
      }
      req.write(chunks[i]);
      // A pause between writes, so each chunk goes out in its own packet.
      setTimeout(() => writeNext(i + 1), 20);
    };
    writeNext(0);
  });
}

const RECORD_KEYS = ['method', 'path', 'origin', 'carriedToken', 'carriedSecretKey', 'bodyBytes'];

describe('emulator redirect sink and redirect faults', () => {
  let run: Running;
  let token: string;

  useSignedInEmulator((started, signedIn) => {
    run = started;
    token = signedIn;
  });

  it('listens on 127.0.0.1 beside the emulator, on another port (another origin)', async () => {
    const { sinkUrl, url } = run.emulator;
    assert.match(sinkUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(sinkUrl).origin, new URL(url).origin);
    assert.deepEqual(await run.control.sink(), { url: sinkUrl, requests: [] });
  });

  it('redirect: each status, with Location = the sink + the same path and query, and a small JSON body', async () => {
    const statuses: RedirectStatus[] = [301, 302, 303, 307, 308];
    for (const status of statuses) {
      await run.control.addFault({ type: 'redirect', status, path: '/v1/sessions' });
      const answer = await raw(`${run.url}/v1/sessions/${encodeURIComponent('샘플 회의실')}?x=1&y=%20`, { headers: { 's-connector-jwt': token } });
      const location = `${run.emulator.sinkUrl}/v1/sessions/${encodeURIComponent('샘플 회의실')}?x=1&y=%20`;
      assert.equal(answer.status, status);
      assert.equal(answer.headers.location, location);
      assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
      const body = JSON.parse(answer.text);
      assert.equal(body.status, false);
      assert.ok(body.message.includes(location), body.message);
    }
    // Not following is up to the client: nothing reached the sink, and only the matching path was redirected.
    assert.deepEqual((await run.control.sink()).requests, []);
    assert.equal((await call(run.url, '/v1/info', { token })).status, 200);
    assert.deepEqual((await run.control.stats()).requests.map((r) => r.status), [301, 302, 303, 307, 308, 200]);
  });

  it('redirect: location overrides the target with any string, absolute or relative', async () => {
    for (const location of ['https://example.invalid/phish?a=1', '/v1/info', '//evil.invalid/x', 'javascript:alert(1)', '']) {
      await run.control.addFault({ type: 'redirect', status: 302, location });
      const answer = await raw(`${run.url}/v1/sessions?x=1`, { headers: { 's-connector-jwt': token } });
      assert.equal(answer.status, 302);
      assert.equal(answer.headers.location, location, JSON.stringify(location));
    }
  });

  it('a client that follows a 307 re-sends the token and the secret key to the sink, which says so', async () => {
    await run.control.addFault({ type: 'redirect', status: 307, path: '/v1/auth' });
    const body = JSON.stringify({ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY });
    // Node's fetch follows redirects by default, keeping custom headers and, for 307, the body.
    const response = await fetch(`${run.url}/v1/auth`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 's-connector-jwt': token },
      body,
    });
    assert.equal(response.status, 200);
    assert.equal(response.url, `${run.emulator.sinkUrl}/v1/auth`);
    assert.deepEqual(await response.json(), { status: true, data: { accessToken: 'sink-token' } });
    assert.deepEqual((await run.control.sink()).requests, [
      { method: 'POST', path: '/v1/auth', origin: run.emulator.sinkUrl, carriedToken: true, carriedSecretKey: true, bodyBytes: Buffer.byteLength(body) },
    ]);
    // The emulator itself saw only the redirected request.
    assert.deepEqual((await run.control.stats()).requests, [{ method: 'POST', path: '/v1/auth', status: 307 }]);
  });

  it('answers every request with a 200 envelope a client would accept', async () => {
    const sink = run.emulator.sinkUrl;
    const info = JSON.parse((await raw(`${sink}/v1/info?x=1`)).text);
    assert.equal(info.status, true);
    assert.deepEqual(Object.keys(info.data), ['domain', 'roomLimit', 'enabled', 'createdAt']);
    assert.deepEqual(JSON.parse((await raw(`${sink}/v1/sessions`)).text), { status: true, data: [] });
    for (const path of ['/v1/auth', '/anything/else', '/']) {
      const answer = await raw(sink + path, { method: 'POST', chunks: ['{}'] });
      assert.equal(answer.status, 200);
      assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
      assert.deepEqual(JSON.parse(answer.text), { status: true, data: { accessToken: 'sink-token' } });
    }
    const paths = (await run.control.sink()).requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, ['GET /v1/info', 'GET /v1/sessions', 'POST /v1/auth', 'POST /anything/else', 'POST /']);
  });

  it('records whether a token or a secret key came, never the values themselves', async () => {
    const sink = run.emulator.sinkUrl;
    const secretToken = 'eyJ.SECRET-TOKEN-VALUE.sig';
    const marker = 'BODY-MARKER-never-stored';
    await raw(`${sink}/v1/sessions?token=${marker}`, { headers: { 's-connector-jwt': secretToken, Authorization: `Bearer ${secretToken}` } });
    await raw(`${sink}/v1/auth`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, chunks: [JSON.stringify({ secretKey: DEMO_SECRET_KEY, marker })] });
    await raw(`${sink}/v1/auth`, { method: 'POST', chunks: [`accessKey=a&secretKey=wrong&marker=${marker}`] });
    const report = await run.control.sink();
    assert.deepEqual(
      report.requests.map((r) => [r.method, r.path, r.carriedToken, r.carriedSecretKey]),
      [
        ['GET', '/v1/sessions', true, false],
        ['POST', '/v1/auth', false, true],
        ['POST', '/v1/auth', false, false],
      ],
    );
    for (const record of report.requests) {
      assert.deepEqual(Object.keys(record), RECORD_KEYS);
      assert.equal(record.origin, sink);
    }
    assert.equal(report.requests[1]!.bodyBytes, Buffer.byteLength(JSON.stringify({ secretKey: DEMO_SECRET_KEY, marker })));
    const text = JSON.stringify(report);
    for (const secret of [secretToken, marker, DEMO_SECRET_KEY, 'wrong', 'Bearer']) {
      assert.ok(!text.includes(secret), `the report must not hold ${secret}`);
    }
  });

  it('carriedSecretKey: the key configured now, the sample key, escaped forms, and a key split across chunks', async () => {
    const sink = run.emulator.sinkUrl;
    const rotated = 'rotated"key/ü-0123456789';
    await run.control.configure({ secretKey: rotated });
    const post = (chunks: string[]) => raw(`${sink}/v1/auth`, { method: 'POST', chunks });
    await post([JSON.stringify({ secretKey: rotated })]); // JSON-escaped: rotated\"key/ü...
    await post([`secretKey=${encodeURIComponent(rotated)}`]); // form-encoded
    await post([`{"secretKey":"${DEMO_SECRET_KEY.slice(0, 100)}`, `${DEMO_SECRET_KEY.slice(100)}"}`]); // split mid-key
    await post([`{"secretKey":"${DEMO_SECRET_KEY.slice(0, 265)}"}`]); // one character short
    await post(['rotated"key/ü']); // only a prefix
    assert.deepEqual((await run.control.sink()).requests.map((r) => r.carriedSecretKey), [true, true, true, false, false]);
  });

  it('clears its records on DELETE /__emulator/sink and on reset', async () => {
    await raw(`${run.emulator.sinkUrl}/v1/info`);
    assert.equal((await run.control.sink()).requests.length, 1);
    await run.control.clearSink();
    assert.deepEqual(await run.control.sink(), { url: run.emulator.sinkUrl, requests: [] });
    await raw(`${run.emulator.sinkUrl}/v1/info`);
    await run.control.reset();
    assert.deepEqual((await run.control.sink()).requests, []);
    // Requests to the sink are not the emulator's stats.
    assert.deepEqual((await run.control.stats()).requests, []);
    assert.equal((await call(run.url, '/__emulator/sink', { method: 'PUT', rawBody: '{}' })).status, 405);
  });

  it('close() closes the sink too, even with a connection still open', async () => {
    const own = await start();
    const sinkUrl = own.emulator.sinkUrl;
    assert.equal((await raw(`${sinkUrl}/v1/info`)).status, 200);
    // A request whose body never ends keeps a connection open on the sink.
    const pending = http.request(`${sinkUrl}/v1/auth`, { method: 'POST', agent: false });
    pending.on('error', () => {});
    pending.write('{"partial":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.emulator.close();
    await assert.rejects(raw(`${sinkUrl}/v1/info`), /ECONNREFUSED/);
  });
});
