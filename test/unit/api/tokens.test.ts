/**
 * The token source over real sockets, against a scripted server: what the sign-in sends, when a
 * token is reused, renewed in the background or replaced, and how a refused sign-in reads.
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { DEFAULT_HTTP_SETTINGS, HttpTransport, type RequestRecord } from '../../../src/api/http';
import { type BoundCredentials, requestToken, TokenSource } from '../../../src/api/tokens';
import { failure } from './fixture';
import { jwt, ok, type ScriptedServer, type Seen, startScriptedServer } from './scriptedServer';

const ACCESS_KEY = 'access-key-1';
const SECRET_KEY = 'secret-key-1-very-secret';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('api/tokens TokenSource', () => {
  let server: ScriptedServer;
  let issued: number;

  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.seen.length = 0;
    issued = 0;
    // Each sign-in gets a new token that states a lifetime of one hour (on the server's clock).
    server.answer(() => ok({ accessToken: jwt({ n: ++issued, iat: 1_000, exp: 1_000 + 3_600 }) }));
  });

  interface Setup {
    readonly tokens: TokenSource;
    readonly records: RequestRecord[];
    /** The clock the token source reads; tests move it. */
    readonly clock: { now: number };
    /** The stored keys; tests change them. */
    readonly keys: { current: BoundCredentials | undefined };
  }

  function setup(options: { credentials?: Partial<BoundCredentials> | undefined; lifetimeMinutes?: number; timeoutMs?: number } = {}): Setup {
    const records: RequestRecord[] = [];
    const http = new HttpTransport(() => ({ ...DEFAULT_HTTP_SETTINGS, retryBaseDelayMs: 1, timeoutMs: options.timeoutMs ?? 3_000 }), (record) => records.push(record));
    const clock = { now: 5_000_000 };
    const keys = {
      current: 'credentials' in options && options.credentials === undefined
        ? undefined
        : { apiUrl: server.url, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, ...options.credentials },
    };
    const tokens = new TokenSource(http, () => Promise.resolve(keys.current), { lifetimeMinutes: () => options.lifetimeMinutes ?? 60, now: () => clock.now });
    return { tokens, records, clock, keys };
  }

  const auths = () => server.seen.filter((request) => request.path.endsWith('/v1/auth'));
  const serial = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { n?: number }).n;
  /** Lets a sign-in started in the background reach the server and come back. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  describe('signing in', () => {
    it('posts both keys and the lifetime asked for to v1/auth as JSON, and nothing else', async () => {
      const { tokens } = setup({ lifetimeMinutes: 17 });
      const grant = await tokens.token();
      assert.equal(server.seen.length, 1);
      const [auth] = server.seen as [Seen];
      assert.equal(auth.method, 'POST');
      assert.equal(auth.path, '/v1/auth');
      assert.deepEqual(JSON.parse(auth.body), { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, expires: 17 });
      assert.equal(auth.headers['content-type'], 'application/json');
      assert.equal(auth.headers['s-connector-jwt'], undefined, 'no token goes with the sign-in');
      assert.equal(serial(grant.token), 1);
      assert.equal(grant.baseUrl, server.url, 'the grant names the API URL that issued it');
      assert.deepEqual(Object.keys(grant).sort(), ['baseUrl', 'token']);
    });

    it('requestToken asks for a token of its own (lifetime and owner rights) and leaves the held token alone', async () => {
      const { tokens } = setup();
      const held = await tokens.token();
      const http = new HttpTransport(() => ({ ...DEFAULT_HTTP_SETTINGS, retryBaseDelayMs: 1 }));
      const own = await requestToken(http, { apiUrl: server.url, accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, { expiresMinutes: 30, isOwner: true });
      assert.deepEqual(JSON.parse(server.seen.at(-1)!.body), { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, expires: 30, isOwner: true });
      assert.equal(serial(own), 2);
      assert.equal((await tokens.token()).token, held.token, "the extension's own token is not replaced");
      await requestToken(http, { apiUrl: server.url, accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, { expiresMinutes: 5 });
      assert.deepEqual(JSON.parse(server.seen.at(-1)!.body), { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, expires: 5 }, 'no isOwner unless asked');
      await assert.rejects(requestToken(http, { apiUrl: 'http://s-connector.invalid', accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, { expiresMinutes: 5 }), /uses http:\/\/ to another machine/);
    });

    it('signs in at the API URL the keys were entered for, path prefix included', async () => {
      const { tokens } = setup({ credentials: { apiUrl: `${server.url}/prefix` } });
      const grant = await tokens.token();
      assert.deepEqual(server.seen.map((request) => request.path), ['/prefix/v1/auth']);
      assert.equal(grant.baseUrl, `${server.url}/prefix`);
    });

    it('says it is not signed in when no keys are stored, without any request', async () => {
      const { tokens } = setup({ credentials: undefined });
      for (const call of [() => tokens.token(), () => tokens.renew()]) {
        const error = await failure(call());
        assert.ok(error instanceof ApiError && error.kind === 'signedOut', error.message);
        assert.equal(error.message, 'Not signed in to S-Connector. Run "S-Connector: Sign In" with your access key and secret key.');
      }
      assert.equal(server.seen.length, 0);
    });

    it('refuses an empty or blank access key or secret key before sending anything', async () => {
      for (const credentials of [{ accessKey: '' }, { accessKey: '  \t' }, { secretKey: '' }, { secretKey: ' ' }]) {
        const { tokens } = setup({ credentials });
        const error = await failure(tokens.token());
        assert.ok(error instanceof ApiError && error.kind === 'invalidInput', JSON.stringify(credentials));
        assert.equal(error.message, 'Both the access key and the secret key are needed to sign in.');
      }
      assert.equal(server.seen.length, 0);
    });

    it('does not send the secret key over http:// to another machine without a yes', async () => {
      const { tokens, records } = setup({ credentials: { apiUrl: 'http://192.0.2.10:8080/api?x=1' } });
      const error = await failure(tokens.token());
      assert.ok(error instanceof ApiError && error.kind === 'signedOut', error.message);
      assert.equal(error.message, 'The S-Connector API URL http://192.0.2.10:8080 uses http:// to another machine. The secret key is not sent there unencrypted unless you confirm it: run "S-Connector: Sign In" again.');
      assert.ok(!error.message.includes(SECRET_KEY));
      assert.deepEqual(records, [], 'no request was even started');
    });

    it('sends it there once the user has said yes', async () => {
      // 192.0.2.0/24 is reserved for documentation: the attempt fails, but it is made.
      const { tokens, records } = setup({ credentials: { apiUrl: 'http://192.0.2.10:8080/', clearTextConfirmed: true }, timeoutMs: 300 });
      const error = await failure(tokens.token());
      assert.ok(error instanceof ApiError && (error.kind === 'timeout' || error.kind === 'unreachable'), error.message);
      assert.deepEqual(records.map((record) => `${record.method} ${record.path}`), ['POST /v1/auth']);
    });

    it('sends keys over http:// to this machine without asking', async () => {
      const { tokens } = setup({ credentials: { apiUrl: server.url.replace('127.0.0.1', 'localhost') } });
      await tokens.token();
      assert.equal(auths().length, 1);
    });

    it('checks keys with signIn and keeps the token, so the next call needs no sign-in', async () => {
      const { tokens } = setup();
      const grant = await tokens.signIn({ apiUrl: server.url, accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
      assert.ok((await tokens.token()).token === grant.token);
      assert.equal(auths().length, 1);
    });

    it('takes a token without the JWT form as it is', async () => {
      server.answer(() => ok({ accessToken: 'opaque-token' }));
      const { tokens } = setup();
      assert.ok((await tokens.token()).token === 'opaque-token');
    });

    it('rejects a sign-in answer without a token', async () => {
      server.answer(() => ok({ token: 'x' }));
      const error = await failure(setup().tokens.token());
      assert.ok(error instanceof ApiError && error.kind === 'unexpectedResponse', error.message);
    });
  });

  describe('refused sign-ins', () => {
    for (const status of [400, 401, 403]) {
      it(`reads HTTP ${status} from v1/auth as wrong keys, naming the access key and never the secret key`, async () => {
        server.answer(() => ({ status, body: { status: false, message: `no such key pair ${ACCESS_KEY}/${SECRET_KEY}` } }));
        const error = await failure(setup().tokens.token());
        assert.ok(error instanceof ApiError && error.kind === 'wrongKeys', error.message);
        assert.equal(error.message, `S-Connector did not accept the access key "${ACCESS_KEY}" with that secret key (the server said: no such key pair ${ACCESS_KEY}/•••). Check both keys and sign in again.`);
        assert.deepEqual(error.detail, { status, serverMessage: `no such key pair ${ACCESS_KEY}/•••` });
      });
    }

    it('reads status: false from v1/auth as wrong keys', async () => {
      server.answer(() => ({ body: { status: false, message: 'invalid accessKey' } }));
      const error = await failure(setup().tokens.token());
      assert.ok(error instanceof ApiError && error.kind === 'wrongKeys', error.message);
      assert.match(error.message, /\(the server said: invalid accessKey\)/);
    });

    it('says so without a server message when there is none', async () => {
      server.answer(() => ({ status: 401, body: { status: false } }));
      const error = await failure(setup().tokens.token());
      assert.ok(error instanceof ApiError && error.kind === 'wrongKeys', error.message);
      assert.equal(error.message, `S-Connector did not accept the access key "${ACCESS_KEY}" with that secret key. Check both keys and sign in again.`);
      assert.deepEqual(error.detail, { status: 401 });
    });

    for (const status of [404, 429, 500, 503]) {
      it(`does not take HTTP ${status} from v1/auth for wrong keys`, async () => {
        server.answer(() => ({ status, body: { status: false, message: 'busy' } }));
        const error = await failure(setup().tokens.token());
        assert.ok(error instanceof ApiError && error.kind === 'httpStatus' && error.detail.status === status, error.message);
        assert.equal(auths().length, 1, 'a sign-in is never retried');
      });
    }

    it('does not take an unreachable server for wrong keys', async () => {
      const { tokens } = setup({ credentials: { apiUrl: 'http://127.0.0.1:1' } });
      const error = await failure(tokens.token());
      assert.ok(error instanceof ApiError && error.kind === 'unreachable', error.message);
    });

    it('takes only an HTTP 400, 401 or 403 or a refusal for wrong keys, not another failure that carries such a status', async () => {
      const odd = new ApiError('unexpectedResponse', 'odd', { status: 401 });
      const http = { send: () => Promise.reject(odd) } as unknown as HttpTransport;
      const tokens = new TokenSource(http, () => Promise.resolve({ apiUrl: server.url, accessKey: ACCESS_KEY, secretKey: SECRET_KEY }), { lifetimeMinutes: () => 60 });
      assert.equal(await failure(tokens.token()), odd);
    });

    it('passes on a failure that is not an ApiError as it is', async () => {
      const boom = new TypeError('boom');
      const http = { send: () => Promise.reject(boom) } as unknown as HttpTransport;
      const tokens = new TokenSource(http, () => Promise.resolve({ apiUrl: server.url, accessKey: ACCESS_KEY, secretKey: SECRET_KEY }), { lifetimeMinutes: () => 60 });
      assert.equal(await failure(tokens.token()), boom);
    });

    it('tries again on the next call after a failed sign-in', async () => {
      server.answer((_, index) => (index === 0 ? { status: 503 } : ok({ accessToken: jwt({ n: 2, iat: 0, exp: 3_600 }) })));
      const { tokens } = setup();
      await failure(tokens.token());
      assert.equal(serial((await tokens.token()).token), 2);
      assert.equal(auths().length, 2);
    });
  });

  describe('reuse and renewal', () => {
    it('reuses the token for the same keys and API URL', async () => {
      const { tokens } = setup();
      const first = await tokens.token();
      for (let i = 0; i < 5; i++) assert.ok((await tokens.token()).token === first.token);
      assert.equal(auths().length, 1);
    });

    it('never uses a token for another access key, secret key or origin', async () => {
      const { tokens, keys } = setup();
      const first = await tokens.token();
      const changes: Partial<BoundCredentials>[] = [{ accessKey: 'access-key-2' }, { secretKey: 'secret-key-2-very-secret' }, { apiUrl: server.url.replace('127.0.0.1', 'localhost') }];
      for (const change of changes) {
        keys.current = { ...keys.current!, ...change };
        const next = await tokens.token();
        assert.ok(next.token !== first.token, JSON.stringify(change));
      }
      assert.equal(auths().length, 4);
    });

    it('never uses a token for another path on the same origin, and sends each to its own path', async () => {
      const { tokens, keys } = setup({ credentials: { apiUrl: `${server.url}/a` } });
      const first = await tokens.token();
      keys.current = { ...keys.current!, apiUrl: `${server.url}/b/` };
      const second = await tokens.token();
      assert.ok(second.token !== first.token);
      assert.deepEqual([first.baseUrl, second.baseUrl], [`${server.url}/a`, `${server.url}/b/`]);
      assert.deepEqual(auths().map((seen) => seen.path), ['/a/v1/auth', '/b/v1/auth']);
      keys.current = { ...keys.current, apiUrl: ` ${server.url}/b ` };
      assert.equal((await tokens.token()).token, second.token, 'the same URL written differently is the same owner');
      assert.equal(auths().length, 2);
    });

    it('shares one sign-in among concurrent callers, and signs in afresh once it is over', async () => {
      const { tokens } = setup();
      const grants = await Promise.all([tokens.renew(), tokens.renew(), tokens.token(), tokens.token()]);
      assert.ok(grants.every((grant) => grant.token === grants[0].token));
      assert.equal(auths().length, 1);
      const again = await tokens.renew();
      assert.ok(again.token !== grants[0].token);
      assert.equal(auths().length, 2);
    });

    /**
     * From `start`, the token is handed out alone until `renewAt`, handed out while a new one is
     * fetched until `replaceAt`, and from then on callers wait for a new one. Every renewal after
     * the first sign-in fails here, so the first token stays held and each boundary shows.
     */
    async function expectSchedule({ tokens, clock }: Setup, renewAt: number, replaceAt: number): Promise<void> {
      const start = clock.now;
      const first = await tokens.token();
      server.answer(() => ({ status: 503, body: { status: false, message: 'renewal fails' } }));

      clock.now = start + renewAt - 1;
      assert.ok((await tokens.token()).token === first.token);
      await settle();
      assert.equal(auths().length, 1, `no renewal before ${renewAt} ms`);

      clock.now = start + renewAt;
      assert.ok((await tokens.token()).token === first.token, 'still handed out while a new one is fetched');
      await settle();
      assert.equal(auths().length, 2, `renewed in the background from ${renewAt} ms`);

      clock.now = start + replaceAt - 1;
      assert.ok((await tokens.token()).token === first.token, `handed out until ${replaceAt} ms`);
      await settle();

      clock.now = start + replaceAt;
      const error = await failure(tokens.token());
      assert.ok(error instanceof ApiError && error.detail.status === 503, `from ${replaceAt} ms the caller waits for a new token: ${error.message}`);
    }

    it('times renewal from the lifetime the token states: background from 75 %, replaced a minute before the end', async () => {
      // The server's clock (iat 1000 s) is far from ours; only exp - iat = 1 h counts, from when we asked.
      await expectSchedule(setup({ lifetimeMinutes: 5 }), 0.75 * HOUR, HOUR - MINUTE);
    });

    it('keeps a margin of a tenth of a short lifetime', async () => {
      // 20 s stated: renewal from 15 s, replacement from 18 s.
      server.answer(() => ok({ accessToken: jwt({ n: ++issued, iat: 50, exp: 70 }) }));
      await expectSchedule(setup(), 15_000, 18_000);
    });

    for (const [what, claims] of [
      ['no lifetime', {}],
      ['only iat', { iat: 100 }],
      ['only exp', { exp: 100 }],
      ['exp equal to iat', { iat: 100, exp: 100 }],
      ['exp before iat', { iat: 100, exp: 40 }],
    ] as const) {
      it(`falls back to the lifetime asked for when the token states ${what}`, async () => {
        server.answer(() => ok({ accessToken: jwt({ n: ++issued, ...claims }) }));
        // 2 minutes asked: renewal from 90 s, replacement from 108 s (a margin of 12 s).
        await expectSchedule(setup({ lifetimeMinutes: 2 }), 90_000, 108_000);
      });
    }

    it('uses the renewed token once the background renewal is done', async () => {
      const { tokens, clock } = setup();
      const start = clock.now;
      const first = await tokens.token();
      clock.now = start + 0.75 * HOUR;
      assert.ok((await tokens.token()).token === first.token);
      await settle();
      const second = await tokens.token();
      assert.equal(serial(second.token), 2);
      // The new token counts from when it was asked for: 45 min later than the first.
      clock.now = start + 0.75 * HOUR + 0.75 * HOUR - 1;
      assert.ok((await tokens.token()).token === second.token);
      await settle();
      assert.equal(auths().length, 2);
    });

    it('forgets a token the server refused, but not a newer one', async () => {
      const { tokens } = setup();
      const first = await tokens.token();
      tokens.discard('not the token it holds');
      assert.ok((await tokens.token()).token === first.token);
      tokens.discard(first.token);
      const second = await tokens.token();
      assert.ok(second.token !== first.token);
      tokens.discard(first.token);
      assert.ok((await tokens.token()).token === second.token);
      assert.equal(auths().length, 2);
    });

    it('forgets everything on reset, including a sign-in under way', async () => {
      const { tokens } = setup();
      const first = await tokens.token();
      tokens.reset();
      // The sign-in from before the next reset answers last; the one after it, first.
      server.answer((_, index) => ({ ...ok({ accessToken: jwt({ n: index + 1 }) }), delayMs: index === 1 ? 150 : 0 }));
      const pending = tokens.renew();
      tokens.reset();
      const fresh = await tokens.token();
      const late = await pending;
      assert.equal(serial(late.token), 2);
      assert.equal(serial(fresh.token), 3, 'the sign-in after the reset did not wait for the one before it');
      assert.ok((await tokens.token()).token === fresh.token, 'the token from before the reset is not kept, though it came last');
      assert.ok(first.token !== fresh.token);
      assert.equal(auths().length, 3);
    });

    it('a sign-in from before a reset does not end the sharing of the one after it', async () => {
      const { tokens } = setup();
      server.answer((_, index) => ({ ...ok({ accessToken: jwt({ n: index + 1 }) }), delayMs: index === 1 ? 300 : 0 }));
      const before = tokens.renew();
      tokens.reset();
      const after = tokens.renew();
      await before;
      const shared = await tokens.renew();
      assert.ok(shared.token === (await after).token, 'joined the sign-in still under way');
      assert.equal(auths().length, 2);
    });
  });
});
