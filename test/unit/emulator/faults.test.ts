import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { FaultList, parseFault } from '../../emulator/faults';
import { call, signIn, useSignedInEmulator, TEST_NOW, type Running } from './helpers';

/** Markdown and command links a careless client would render (and let a click run a command). */
const LINK_MESSAGES = [
  '[Click here](command:workbench.action.openSettings)',
  '[x](https://example.invalid)',
  'Session expired. [Sign in again](command:s-connector.signIn?%5B%22x%22%5D) or see <https://example.invalid/help> **now**',
];

/** A request with node:http, to see exactly how the connection ends. */
function rawGet(url: string, path: string, token: string): Promise<{ status: number } | { error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const req = http.get(url + path, { headers: { 's-connector-jwt': token }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', (error) => resolve({ error }));
  });
}

describe('emulator faults', () => {
  let run: Running;
  let token: string;
  const get = (path: string) => call(run.url, path, { token });

  useSignedInEmulator((started, signedIn) => {
    run = started;
    token = signedIn;
  });

  it('status: a JSON {status:false} error for one request, then normal again', async () => {
    await run.control.addFault({ type: 'status', status: 500 });
    const failed = await get('/v1/info');
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.json, { status: false, message: 'Internal Server Error' });
    assert.equal((await get('/v1/info')).status, 200);
    await run.control.addFault({ type: 'status', status: 404, message: 'gone fishing' });
    assert.deepEqual((await get('/v1/sessions')).json, { status: false, message: 'gone fishing' });
  });

  it('status 502/503: an HTML gateway page, not JSON', async () => {
    for (const status of [502, 503]) {
      await run.control.addFault({ type: 'status', status });
      const answer = await get('/v1/sessions');
      assert.equal(answer.status, status);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(answer.json, undefined);
      assert.match(answer.text, new RegExp(`<title>${status} `));
    }
  });

  it('retryAfter: 429 with a Retry-After header', async () => {
    await run.control.addFault({ type: 'retryAfter', seconds: 7 });
    const answer = await get('/v1/info');
    assert.equal(answer.status, 429);
    assert.equal(answer.headers.get('retry-after'), '7');
    assert.equal(answer.json.status, false);
  });

  it('retryAfter: delta-seconds far beyond what setTimeout can hold', async () => {
    for (const seconds of [3_000_000, 4_000_000_000]) {
      await run.control.addFault({ type: 'retryAfter', seconds, httpDate: false });
      const answer = await get('/v1/sessions');
      assert.equal(answer.status, 429);
      assert.equal(answer.headers.get('retry-after'), String(seconds));
    }
  });

  it('retryAfter httpDate: an IMF-fixdate that many seconds after the emulator clock', async () => {
    await run.control.addFault({ type: 'retryAfter', seconds: 7, httpDate: true });
    const answer = await get('/v1/info');
    assert.equal(answer.status, 429);
    // TEST_NOW is 2024-06-01T12:00:00Z, a Saturday.
    assert.equal(answer.headers.get('retry-after'), 'Sat, 01 Jun 2024 12:00:07 GMT');
    await run.control.addFault({ type: 'retryAfter', seconds: 3_000_000, httpDate: true });
    const far = (await get('/v1/info')).headers.get('retry-after') ?? '';
    assert.match(far, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal(Date.parse(far), TEST_NOW + 3_000_000_000);
  });

  it('nonJson: a 200 HTML page', async () => {
    await run.control.addFault({ type: 'nonJson' });
    const answer = await get('/v1/info');
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(answer.json, undefined);
  });

  it('statusFalse: a 200 with {status:false, message}', async () => {
    await run.control.addFault({ type: 'statusFalse', message: 'license expired' });
    const answer = await get('/v1/sessions');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { status: false, message: 'license expired' });
  });

  it('statusFalse and status: Markdown and command-link messages arrive verbatim', async () => {
    for (const message of LINK_MESSAGES) {
      const faults = [
        { type: 'statusFalse', message },
        { type: 'status', status: 400, message },
        { type: 'status', status: 500, message },
        // With a message, even a 502/503 is the API's JSON error rather than a gateway page.
        { type: 'status', status: 503, message },
      ] as const;
      for (const fault of faults) {
        await run.control.addFault(fault);
        const answer = await get('/v1/sessions');
        assert.equal(answer.status, fault.type === 'statusFalse' ? 200 : fault.status, JSON.stringify(fault));
        assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
        assert.deepEqual(answer.json, { status: false, message }, JSON.stringify(fault));
        assert.ok(answer.text.includes(JSON.stringify(message)), 'the exact JSON string, nothing escaped or stripped');
      }
    }
  });

  it('reset: the connection drops without an answer', async () => {
    await run.control.addFault({ type: 'reset', path: '/v1/sessions' });
    const result = await rawGet(run.url, '/v1/sessions', token);
    assert.ok('error' in result, 'expected a connection error');
    assert.ok(['ECONNRESET', 'EPIPE'].includes(result.error.code ?? '') || /socket hang up/.test(result.error.message), result.error.message);
    await run.control.addFault({ type: 'reset' });
    await assert.rejects(get('/v1/info'));
    assert.equal((await get('/v1/info')).status, 200);
  });

  it('hang: no answer at all (until the client gives up)', async () => {
    await run.control.addFault({ type: 'hang' });
    await assert.rejects(fetch(`${run.url}/v1/info`, { headers: { 's-connector-jwt': token }, signal: AbortSignal.timeout(150) }));
    assert.equal((await get('/v1/info')).status, 200);
    const stats = await run.control.stats();
    assert.deepEqual(stats.requests.map((r) => r.status), [0, 200]);
  });

  it('latency: delays the normal answer; adds to the configured latency', async () => {
    await run.control.addFault({ type: 'latency', ms: 150 });
    let started = Date.now();
    assert.equal((await get('/v1/info')).status, 200);
    assert.ok(Date.now() - started >= 140);
    started = Date.now();
    await get('/v1/info');
    assert.ok(Date.now() - started < 100, 'only once by default');
    await run.control.configure({ latencyMs: 60 });
    await run.control.addFault({ type: 'latency', ms: 60 });
    await run.control.addFault({ type: 'status', status: 500 });
    started = Date.now();
    assert.equal((await get('/v1/info')).status, 500);
    assert.ok(Date.now() - started >= 110, 'latency fault + configured latency, then the status fault');
  });

  it('trickle: the normal answer, whole, in slices over time', async () => {
    const expected = await (await fetch(`${run.url}/v1/info`, { headers: { 's-connector-jwt': token } })).text();
    await run.control.addFault({ type: 'trickle', bytesPerSecond: 1_000, path: '/v1/info' });
    const response = await fetch(`${run.url}/v1/info`, { headers: { 's-connector-jwt': token } });
    assert.equal(response.status, 200);
    const slices: number[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) slices.push(chunk.length);
    assert.ok(slices.length > 1 && slices.every((size) => size <= 50), `slices of 1,000 bytes a second every 50 ms, not ${slices.join(', ')}`);
    assert.equal(slices.reduce((sum, size) => sum + size, 0), Buffer.byteLength(expected));
  });

  it('path and times: only matching requests, as many times as asked; -1 until cleared', async () => {
    await run.control.addFault({ type: 'status', status: 500, path: '/v1/sessions', times: 2 });
    assert.equal((await get('/v1/info')).status, 200);
    assert.equal((await get('/v1/sessions/gfds')).status, 500);
    assert.equal((await get('/v1/sessions')).status, 500);
    assert.equal((await get('/v1/sessions')).status, 200);
    await run.control.addFault({ type: 'statusFalse', path: '/v1/auth', times: -1 });
    for (let i = 0; i < 3; i++) {
      const answer = await call(run.url, '/v1/auth', { method: 'POST', body: {} });
      assert.equal(answer.json.status, false);
      assert.equal(answer.status, 200);
    }
    await run.control.clearFaults();
    assert.equal((await get('/v1/info')).status, 200);
    assert.ok((await signIn(run.url)).length > 0);
  });

  it('never touches the control API', async () => {
    await run.control.addFault({ type: 'hang', times: -1 });
    await run.control.addFault({ type: 'latency', ms: 5000, times: -1 });
    const started = Date.now();
    await run.control.stats();
    await run.control.data();
    assert.ok(Date.now() - started < 1000);
  });

  it('refuses bad faults with 400 and a message', async () => {
    const bad: unknown[] = [
      { type: 'explode' },
      { type: 'status' },
      { type: 'status', status: 99 },
      { type: 'latency', ms: -1 },
      { type: 'retryAfter', seconds: 1.5 },
      { type: 'reset', times: 0 },
      { type: 'reset', path: 'v1/info' },
      { type: 'nonJson', status: 500 },
      { type: 'retryAfter', seconds: 4_000_000_001 },
      { type: 'retryAfter', seconds: -1 },
      { type: 'retryAfter', seconds: 1, httpDate: 'yes' },
      { type: 'redirect' },
      { type: 'redirect', status: 300 },
      { type: 'redirect', status: 304 },
      { type: 'redirect', status: '302' },
      { type: 'redirect', status: 302, location: 5 },
      { type: 'redirect', status: 302, location: 'https://example.invalid/\r\nSet-Cookie: a=1' },
      { type: 'redirect', status: 302, location: 'https://例.invalid/' },
      { type: 'redirect', status: 302, message: 'moved' },
      [],
    ];
    for (const fault of bad) {
      await assert.rejects(run.control.addFault(fault as never), /HTTP 400: ./, JSON.stringify(fault));
    }
    const raw = await call(run.url, '/__emulator/faults', { method: 'POST', rawBody: '{oops' });
    assert.equal(raw.status, 400);
    assert.equal(raw.json.status, false);
  });

  it('FaultList: the first answer-deciding fault wins; latency faults add up', () => {
    const list = new FaultList();
    list.add({ type: 'latency', ms: 10 });
    list.add({ type: 'latency', ms: 20, path: '/v1/info' });
    list.add({ type: 'status', status: 500, path: '/v1/sessions' });
    list.add({ type: 'nonJson' });
    assert.deepEqual(list.take('/v1/info'), { delayMs: 30, fault: { type: 'nonJson' } });
    assert.deepEqual(list.take('/v1/sessions'), { delayMs: 0, fault: { type: 'status', status: 500, path: '/v1/sessions' } });
    assert.deepEqual(list.take('/v1/sessions'), { delayMs: 0 });
    assert.equal(list.size, 0);
    assert.equal(typeof parseFault({ type: 'hang', times: -1, path: '/v1' }), 'object');
    for (const status of [301, 302, 303, 307, 308]) {
      assert.equal(typeof parseFault({ type: 'redirect', status, location: '' }), 'object', String(status));
    }
    assert.equal(typeof parseFault({ type: 'retryAfter', seconds: 4_000_000_000, httpDate: true }), 'object');
  });

  it('FaultList: a fault with a query applies only to requests whose query holds it', () => {
    const list = new FaultList();
    list.add({ type: 'status', status: 503, path: '/v1/static', query: 'startTime=2021-02-14', times: -1 });
    assert.deepEqual(list.take('/v1/static', 'startTime=2021-02-20&endTime=2021-02-25'), { delayMs: 0 });
    assert.equal(list.take('/v1/static', 'startTime=2021-02-14&endTime=2021-02-19').fault?.type, 'status');
    assert.deepEqual(list.take('/v1/static'), { delayMs: 0 });
    assert.equal(typeof parseFault({ type: 'nonJson', query: 'x' }), 'object');
    assert.equal(parseFault({ type: 'nonJson', query: 1 }), 'query must be a string');
  });
});
