import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { EmulatorControl } from '../../emulator/control';
import { DEMO_SECRET_KEY, type Emulator, startEmulator } from '../../emulator/server';
import { SConnectorClient } from '../../../src/api/client';
import { DEFAULT_HTTP_SETTINGS, HttpTransport } from '../../../src/api/http';
import { TokenSource } from '../../../src/api/tokens';
import { demoCredentials, failure, makeStack } from './fixture';

const HOSTILE_NAMES = ['샘플 회의실', '🎥 standup', '<img src=x onerror=alert(1)>'];

describe('api/client against the emulator', () => {
  let emulator: Emulator;
  let control: EmulatorControl;

  before(async () => {
    emulator = await startEmulator({ seed: 7 });
    control = new EmulatorControl(emulator.url);
  });
  after(() => emulator.close());
  beforeEach(() => control.reset());

  describe('endpoints', () => {
    it("v1/info gives the document's sample license", async () => {
      const license = await makeStack(emulator.url).client.license();
      assert.deepEqual(license, { domain: 'trial', roomLimit: 10, enabled: true, createdAt: '2020-12-22T15:00:00.000Z' });
    });

    it("v1/sessions (short shape) gives the document's sample rooms and the generated ones", async () => {
      const { rooms, skipped } = await makeStack(emulator.url).client.rooms();
      const expected = (await control.data()).rooms;
      assert.equal(skipped, 0);
      assert.equal(rooms.length, expected.length);
      assert.deepEqual(rooms.find((room) => room.roomName === 'gfds'), { roomName: 'gfds', status: 'WAIT', userCount: 1 });
      assert.deepEqual(rooms.find((room) => room.roomName === 'gsdagd'), { roomName: 'gsdagd', status: 'ON_GOING', userCount: 2 });
      for (const name of HOSTILE_NAMES) assert.ok(rooms.some((room) => room.roomName === name), name);
    });

    it('v1/sessions (rich shape) gives participants and since-when', async () => {
      await control.configure({ shape: 'rich' });
      const { rooms } = await makeStack(emulator.url).client.rooms();
      const busy = rooms.find((room) => room.userCount > 0)!;
      assert.ok(busy.participants, 'participants are present in the rich shape');
      assert.equal(busy.participants.length, busy.userCount);
      assert.match(busy.sessionId ?? '', /^ses_/);
      assert.ok(busy.createdAt && !Number.isNaN(Date.parse(busy.createdAt)));
      assert.match(busy.participants[0]!.connectionId ?? '', /^con_/);
    });

    it('v1/sessions/:room_name finds rooms whose names need encoding, in both shapes', async () => {
      const { client } = makeStack(emulator.url);
      const { rooms } = await client.rooms();
      const awkward = rooms.filter((room) => /[^a-z0-9-]/i.test(room.roomName));
      assert.ok(awkward.length >= 3, 'the emulator serves names with spaces, slashes, emoji and HTML');
      for (const shape of ['short', 'rich'] as const) {
        await control.configure({ shape });
        for (const room of awkward) {
          const detail = await client.room(room.roomName);
          assert.equal(detail?.roomName, room.roomName, `${shape}: ${room.roomName}`);
        }
      }
    });

    it('v1/sessions/:room_name gives undefined for a room that is not live', async () => {
      assert.equal(await makeStack(emulator.url).client.room('no such room'), undefined);
    });

    it("v1/static gives the document's sample usage for 2021-02-20..2021-02-25", async () => {
      const usage = await makeStack(emulator.url).client.usage({ start: '2021-02-20', end: '2021-02-25' });
      assert.equal(usage.totalSeconds, 49951);
      assert.equal(usage.skipped, 0);
      assert.deepEqual(usage.records, [
        { roomName: 'gsdagd', seconds: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
        { roomName: 'test', seconds: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
        { roomName: 'test', seconds: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
        { roomName: '12312', seconds: 610, createdAt: '2021-02-21T02:34:52.000Z' },
      ]);
    });

    it('v1/static without an end date runs until now', async () => {
      const { records } = await control.data();
      const recent = records.map((record) => record.createdAt).sort().at(-1)!;
      const start = recent.slice(0, 10);
      const usage = await makeStack(emulator.url).client.usage({ start });
      const expected = records.filter((record) => record.createdAt.slice(0, 10) >= start);
      assert.ok(expected.length > 0);
      assert.equal(usage.records.length, expected.length);
      assert.equal(usage.totalSeconds, expected.reduce((sum, record) => sum + record.sessionTimeSecond, 0));
    });

    it('rejects impossible and reversed dates before asking the server', async () => {
      const { client, records } = makeStack(emulator.url);
      for (const range of [{ start: '2021-02-30' }, { start: '2021-2-1' }, { start: '2021-02-20', end: '2021-02-19' }]) {
        const error = await failure(client.usage(range));
        assert.ok(error instanceof ApiError && error.kind === 'invalidInput', error.message);
        assert.match(error.message, /date/);
      }
      assert.equal(records.length, 0, 'nothing was sent');
    });
  });

  describe('tokens', () => {
    it('signs in once for many calls within a token lifetime', async () => {
      const { client } = makeStack(emulator.url);
      for (let i = 0; i < 25; i++) await client.rooms();
      await client.license();
      const stats = await control.stats();
      assert.equal(stats.auth, 1);
      assert.equal(stats.requests.filter((request) => request.path === '/v1/sessions').length, 25);
    });

    it('lets concurrent callers share one sign-in', async () => {
      const { client } = makeStack(emulator.url);
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? client.rooms() : client.license())));
      assert.equal((await control.stats()).auth, 1);
    });

    it('sends the token in the s-connector-jwt header and asks for the configured lifetime', async () => {
      const { client, tokens } = makeStack(emulator.url, { lifetimeMinutes: 5 });
      const { token } = await tokens.token();
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
      assert.equal(claims.exp - claims.iat, 5 * 60);
      await client.license(); // the emulator answers 401 without that header
      assert.deepEqual((await control.stats()).requests.map((request) => request.status), [200, 200]);
    });

    it('renews in the background late in the token life, and waits for a new one at the very end', async () => {
      let now = 1_000_000;
      const { tokens } = makeStack(emulator.url, { lifetimeMinutes: 60, now: () => now });
      const first = (await tokens.token()).token;
      now += 40 * 60_000;
      // Tokens are compared, never printed: a failing assertion must not put one in the test output.
      assert.ok((await tokens.token()).token === first, 'reused at 40 of 60 minutes');
      assert.equal((await control.stats()).auth, 1);
      now += 6 * 60_000; // 46 minutes: past 75 % of the lifetime
      assert.ok((await tokens.token()).token === first, 'still handed out while the new one is fetched');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await control.stats()).auth, 2, 'renewed ahead of expiry');
      now += 60 * 60_000; // far past both tokens' ends
      await tokens.token();
      assert.equal((await control.stats()).auth, 3, 'a token at the end of its life is replaced before use');
    });

    it('renews silently when the server says the token has expired', async () => {
      await control.configure({ tokenLifetimeSeconds: 1 });
      const frozen = Date.now();
      // The client's clock stands still, so it keeps the token; the server's clock runs on.
      const { client } = makeStack(emulator.url, { now: () => frozen });
      await client.license();
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const license = await client.license();
      assert.equal(license.domain, 'trial');
      const stats = await control.stats();
      assert.equal(stats.auth, 2);
      assert.deepEqual(stats.requests.filter((request) => request.path === '/v1/info').map((request) => request.status), [200, 401, 200]);
    });

    it('says the keys are wrong, without repeating the secret key', async () => {
      const secretKey = `${DEMO_SECRET_KEY.slice(0, -4)}0000`;
      const { client } = makeStack(emulator.url, { credentials: { accessKey: 'foziz2mdywm', secretKey } });
      const error = await failure(client.license());
      assert.ok(error instanceof ApiError && error.kind === 'wrongKeys', error.message);
      assert.match(error.message, /did not accept the access key "foziz2mdywm"/);
      assert.ok(!error.message.includes(secretKey) && !error.message.includes(DEMO_SECRET_KEY));
    });

    it('says so when the keys are revoked while signed in', async () => {
      const { client } = makeStack(emulator.url);
      await client.license();
      await control.configure({ secretKey: 'rotated-secret' });
      const error = await failure(client.license());
      assert.ok(error instanceof ApiError && error.kind === 'wrongKeys', error.message);
    });

    it('says it is not signed in when no keys are stored, without any request', async () => {
      const { client, records } = makeStack(emulator.url, { credentials: undefined });
      const error = await failure(client.rooms());
      assert.ok(error instanceof ApiError && error.kind === 'signedOut');
      assert.match(error.message, /Sign In/);
      assert.equal(records.length, 0);
    });

    it('forgets a sign-in that was under way when the keys were reset', async () => {
      const { tokens } = makeStack(emulator.url);
      const pending = tokens.renew();
      tokens.reset();
      await pending;
      await tokens.token();
      assert.equal((await control.stats()).auth, 2, 'the token from before the reset was not kept');
    });
  });

  describe('faults', () => {
    it('retries a 500 on a GET and succeeds', async () => {
      await control.addFault({ type: 'status', status: 500, path: '/v1/sessions' });
      const { rooms } = await makeStack(emulator.url).client.rooms();
      assert.ok(rooms.length > 0);
      const statuses = (await control.stats()).requests.filter((r) => r.path === '/v1/sessions').map((r) => r.status);
      assert.deepEqual(statuses, [500, 200]);
    });

    for (const status of [500, 502, 503]) {
      it(`gives up after a bounded number of tries on a lasting ${status}, saying so`, async () => {
        await control.addFault({ type: 'status', status, path: '/v1/info', times: -1, message: 'database down' });
        const error = await failure(makeStack(emulator.url).client.license());
        assert.ok(error instanceof ApiError && error.kind === 'httpStatus' && error.detail.status === status, error.message);
        assert.match(error.message, new RegExp(`has a problem \\(HTTP ${status}\\)`));
        assert.ok(error.transient);
        assert.equal((await control.stats()).requests.filter((r) => r.path === '/v1/info').length, 3);
      });
    }

    it("repeats the server's own message with an HTTP error", async () => {
      await control.addFault({ type: 'status', status: 500, path: '/v1/info', times: -1, message: 'database down' });
      const error = await failure(makeStack(emulator.url, { http: { maxRetries: 0 } }).client.license());
      assert.match(error.message, /The server said: database down/);
    });

    it('honours Retry-After on a 429 and then succeeds', async () => {
      await control.addFault({ type: 'retryAfter', seconds: 1, path: '/v1/sessions' });
      const started = Date.now();
      await makeStack(emulator.url).client.rooms();
      assert.ok(Date.now() - started >= 950, 'waited for the Retry-After');
    });

    it('does not sit out a long Retry-After inside one call, and says when to try again', async () => {
      await control.addFault({ type: 'retryAfter', seconds: 120, path: '/v1/sessions' });
      const error = await failure(makeStack(emulator.url).client.rooms());
      assert.ok(error instanceof ApiError && error.detail.status === 429 && error.detail.retryAfterMs === 120_000);
      assert.match(error.message, /too many requests \(HTTP 429\)\. Try again in 120 seconds/);
    });

    it('retries a connection reset, and explains a lasting one', async () => {
      await control.addFault({ type: 'reset', path: '/v1/info' });
      assert.equal((await makeStack(emulator.url).client.license()).domain, 'trial');
      await control.addFault({ type: 'reset', path: '/v1/info', times: -1 });
      const error = await failure(makeStack(emulator.url).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'unreachable', error.message);
      assert.match(error.message, /closed before an answer came/);
    });

    it('explains a body that is not JSON', async () => {
      await control.addFault({ type: 'nonJson', path: '/v1/sessions' });
      const error = await failure(makeStack(emulator.url).client.rooms());
      assert.ok(error instanceof ApiError && error.kind === 'unexpectedResponse');
      assert.match(error.message, /not JSON \(text\/html\)/);
    });

    it("explains status: false with the server's message", async () => {
      await control.addFault({ type: 'statusFalse', path: '/v1/static', message: 'quota service unavailable' });
      const error = await failure(makeStack(emulator.url).client.usage({ start: '2021-02-20' }));
      assert.ok(error instanceof ApiError && error.kind === 'refused');
      assert.equal(error.message, 'The S-Connector server refused the request: quota service unavailable');
    });

    it('times out a request that never gets an answer', async () => {
      await control.addFault({ type: 'hang', path: '/v1/info' });
      const started = Date.now();
      const error = await failure(makeStack(emulator.url, { http: { timeoutMs: 400 } }).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'timeout', error.message);
      assert.match(error.message, /did not answer within 1 second/);
      assert.ok(Date.now() - started < 2_000, 'a timeout is not retried');
    });

    it('waits out added latency below the timeout', async () => {
      await control.addFault({ type: 'latency', ms: 300, path: '/v1/info' });
      const started = Date.now();
      await makeStack(emulator.url).client.license();
      assert.ok(Date.now() - started >= 290);
    });

    it('explains a server that is not running', async () => {
      const closed = await startEmulator();
      const url = closed.url;
      await closed.close();
      const error = await failure(makeStack(url).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'unreachable', error.message);
      assert.match(error.message, /Cannot reach the S-Connector server at 127\.0\.0\.1:\d+: the connection was refused/);
    });

    it('never retries the sign-in POST, and a failing server is not taken for wrong keys', async () => {
      await control.addFault({ type: 'status', status: 503, path: '/v1/auth' });
      const error = await failure(makeStack(emulator.url).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'httpStatus' && error.detail.status === 503, error.message);
      assert.equal((await control.stats()).requests.filter((r) => r.path === '/v1/auth').length, 1);
    });
  });

  describe('what the log gets', () => {
    it('records method, path, status and time of every attempt, and no credential', async () => {
      await control.addFault({ type: 'status', status: 502, path: '/v1/sessions' });
      const { client, records, tokens } = makeStack(emulator.url);
      await client.rooms();
      const { token } = await tokens.token();
      assert.deepEqual(records.map((r) => `${r.method} ${r.path} ${r.status} #${r.attempt}`), [
        'POST /v1/auth 200 #1',
        'GET /v1/sessions 502 #1',
        'GET /v1/sessions 200 #2',
      ]);
      assert.ok(records.every((r) => r.durationMs >= 0));
      const logged = JSON.stringify(records);
      assert.ok(!logged.includes(DEMO_SECRET_KEY) && !logged.includes(token));
    });
  });

  describe('credentials never leave their origin or reach a message', () => {
    it('scrubs the token from a server message that echoes it', async () => {
      const { client, tokens, records } = makeStack(emulator.url);
      const { token } = await tokens.token();
      await control.addFault({ type: 'status', status: 400, message: `bad token ${token} given`, path: '/v1/sessions', times: -1 });
      const error = await failure(client.rooms());
      assert.ok(error instanceof ApiError && error.kind === 'httpStatus', error.message);
      assert.ok(error.message.includes('bad token ••• given'), 'the message is repeated, the token replaced');
      assert.equal(error.message.includes(token), false, 'no token in the message');
      assert.equal(JSON.stringify(records).includes(token), false, 'no token in the log records');
    });

    it('scrubs the secret key from a sign-in refusal that echoes it', async () => {
      await control.addFault({ type: 'statusFalse', message: `no such key ${DEMO_SECRET_KEY}`, path: '/v1/auth' });
      const error = await failure(makeStack(emulator.url).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'wrongKeys', error.message);
      assert.ok(error.message.includes('no such key •••'), 'the message is repeated, the key replaced');
      assert.equal(error.message.includes(DEMO_SECRET_KEY), false, 'no secret key in the message');
    });

    it('binds each token to the API URL that issued it: another URL means a sign-in there, never the old token', async () => {
      const other = await startEmulator({ seed: 7 });
      try {
        let apiUrl = emulator.url;
        const http = new HttpTransport(() => ({ ...DEFAULT_HTTP_SETTINGS, timeoutMs: 3_000 }));
        const tokens = new TokenSource(http, () => Promise.resolve({ ...demoCredentials, apiUrl }), { lifetimeMinutes: () => 60 });
        const client = new SConnectorClient(http, tokens);
        await client.license();
        const first = await tokens.token();
        assert.equal(first.baseUrl, emulator.url);
        apiUrl = other.url; // as if the setting changed between two polls
        await client.license();
        const second = await tokens.token();
        assert.equal(second.baseUrl, other.url);
        assert.notEqual(second.token, first.token);
        const seen = (await new EmulatorControl(other.url).stats()).requests.map((request) => `${request.path} ${request.status}`);
        assert.deepEqual(seen, ['/v1/auth 200', '/v1/info 200'], 'the other server saw a sign-in of its own, never the first token');
      } finally {
        await other.close();
      }
    });

    it('refuses a room name with a lone surrogate before asking, and names it readably', async () => {
      const error = await failure(makeStack(emulator.url).client.room('lone\ud800name'));
      assert.ok(error instanceof ApiError && error.kind === 'invalidInput', error.message);
      assert.ok(error.message.includes('lone\ufffdname'), error.message);
      assert.equal((await control.stats()).requests.length, 0, 'nothing was asked');
    });

    for (const name of ['.', '..', '']) {
      it(`refuses the room name ${JSON.stringify(name)}, which a URL would fold away, before asking`, async () => {
        const error = await failure(makeStack(emulator.url).client.room(name));
        assert.ok(error instanceof ApiError && error.kind === 'invalidInput', error.message);
        assert.equal((await control.stats()).requests.length, 0, 'nothing was asked');
      });
    }

    it('counts a room listed twice under one name once, keeping the first entry', async () => {
      await control.setRooms([
        { roomName: 'twin', status: 'ON_GOING', user: 3 },
        { roomName: 'solo', status: 'WAIT', user: 1 },
        { roomName: 'twin', status: 'WAIT', user: 1 },
        { status: 'WAIT', user: 1 },
      ]);
      const list = await makeStack(emulator.url).client.rooms();
      assert.deepEqual(list.rooms.map((room) => `${room.roomName}:${room.userCount}`), ['twin:3', 'solo:1']);
      assert.equal(list.duplicates, 1);
      assert.equal(list.skipped, 1);
    });
  });

  describe('edges of the endpoints and of token refusal', () => {
    it('a room lookup that fails for another reason than 404 says so, rather than "not live"', async () => {
      await control.addFault({ type: 'status', status: 500, path: '/v1/sessions/gsdagd', times: -1 });
      const error = await failure(makeStack(emulator.url, { http: { maxRetries: 0 } }).client.room('gsdagd'));
      assert.ok(error instanceof ApiError && error.kind === 'httpStatus' && error.detail.status === 500, error.message);
    });

    it('a 403 on a token is taken as a refusal: signs in again once and succeeds', async () => {
      await control.addFault({ type: 'status', status: 403, path: '/v1/info' });
      const license = await makeStack(emulator.url).client.license();
      assert.equal(license.domain, 'trial');
      assert.equal((await control.stats()).auth, 2);
    });

    it('a token refused again after a fresh sign-in is reported as such', async () => {
      await control.addFault({ type: 'status', status: 401, path: '/v1/info', times: -1 });
      const error = await failure(makeStack(emulator.url).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'tokenRejected', error.message);
      assert.match(error.message, /^S-Connector accepted the keys but refused the token it issued for them\. The license may be disabled/);
      assert.equal((await control.stats()).auth, 2, 'one fresh sign-in, not more');
    });

    it('another failure after a fresh sign-in is reported as itself, not as a refused token', async () => {
      await control.addFault({ type: 'status', status: 401, path: '/v1/info' });
      await control.addFault({ type: 'status', status: 500, path: '/v1/info' });
      const error = await failure(makeStack(emulator.url, { http: { maxRetries: 0 } }).client.license());
      assert.ok(error instanceof ApiError && error.kind === 'httpStatus' && error.detail.status === 500, error.message);
    });

    it('never sends a refused token again, even when the sign-in after the refusal failed', async () => {
      const { client } = makeStack(emulator.url);
      await client.license();
      await control.clearStats();
      await control.addFault({ type: 'status', status: 401, path: '/v1/info' });
      await control.addFault({ type: 'status', status: 500, path: '/v1/auth' });
      const error = await failure(client.license());
      assert.ok(error instanceof ApiError && error.kind === 'httpStatus' && error.detail.status === 500, error.message);
      assert.equal((await client.license()).domain, 'trial');
      const asked = (await control.stats()).requests.map((request) => `${request.path} ${request.status}`);
      assert.deepEqual(asked, ['/v1/info 401', '/v1/auth 500', '/v1/auth 200', '/v1/info 200'], 'the next call signs in first');
    });

    it('a one-day range is asked for; an impossible end date is refused before asking', async () => {
      const usage = await makeStack(emulator.url).client.usage({ start: '2021-02-22', end: '2021-02-22' });
      assert.ok(usage.records.length > 0);
      await control.clearStats();
      const error = await failure(makeStack(emulator.url).client.usage({ start: '2021-02-20', end: '2021-02-30' }));
      assert.ok(error instanceof ApiError && error.kind === 'invalidInput' && /end date "2021-02-30"/.test(error.message), error.message);
      assert.equal((await control.stats()).requests.length, 0);
    });
  });
});
