import * as assert from 'node:assert/strict';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../../emulator/server';
import { call, claims, signIn, start, TEST_NOW, type Running } from './helpers';

describe('emulator v1/auth and tokens', () => {
  let clock = TEST_NOW;
  let run: Running;

  before(async () => {
    run = await start({ now: () => clock });
  });
  after(async () => {
    await run.emulator.close();
  });
  beforeEach(async () => {
    clock = TEST_NOW;
    await run.control.reset();
  });

  it('exports the document sample keys verbatim', () => {
    assert.equal(DEMO_ACCESS_KEY, 'foziz2mdywm');
    // The document's key is 278 hex characters (api-facts.md says 266; the document wins).
    assert.equal(DEMO_SECRET_KEY.length, 278);
    assert.match(DEMO_SECRET_KEY, /^5bfdabd106fbd8c7[0-9a-f]+2ad86b01$/);
  });

  it('issues a token with the documented claims and a 60 minute default life', async () => {
    const answer = await call(run.url, '/v1/auth', { method: 'POST', body: { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY } });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.status, true);
    const token: string = answer.json.data.accessToken;
    const iat = TEST_NOW / 1000;
    assert.deepEqual(claims(token), { id: '3', domain: 'https://readme.interwater.biz', accessKey: DEMO_ACCESS_KEY, iat, exp: iat + 3600 });
    assert.equal((await run.control.stats()).auth, 1);
  });

  it('honours expires (minutes) and isOwner', async () => {
    const token = await signIn(run.url, { expires: 100, isOwner: true });
    const c = claims(token);
    assert.equal(c.isOwner, true);
    assert.equal((c.exp as number) - (c.iat as number), 6000);
    assert.equal(claims(await signIn(run.url, { isOwner: false })).isOwner, undefined);
  });

  it('lets tokenLifetimeSeconds override expires (option and config)', async () => {
    const short = await start({ now: () => clock, tokenLifetimeSeconds: 5 });
    try {
      const c = claims(await signIn(short.url, { expires: 60 }));
      assert.equal((c.exp as number) - (c.iat as number), 5);
    } finally {
      await short.emulator.close();
    }
    await run.control.configure({ tokenLifetimeSeconds: 30 });
    const c = claims(await signIn(run.url));
    assert.equal((c.exp as number) - (c.iat as number), 30);
  });

  it('accepts a token until exp and answers 401 "token expired" from exp on', async () => {
    const token = await signIn(run.url, { expires: 1 });
    clock = TEST_NOW + 59_999;
    assert.equal((await call(run.url, '/v1/info', { token })).status, 200);
    clock = TEST_NOW + 60_000;
    const answer = await call(run.url, '/v1/info', { token });
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.json, { status: false, message: 'token expired' });
  });

  it('answers 401 for wrong keys without echoing the secret', async () => {
    for (const body of [
      { accessKey: DEMO_ACCESS_KEY, secretKey: 'wrong-secret-0123456789' },
      { accessKey: 'someone-else', secretKey: DEMO_SECRET_KEY },
    ]) {
      const answer = await call(run.url, '/v1/auth', { method: 'POST', body });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.json, { status: false, message: 'invalid accessKey or secretKey' });
      assert.ok(!answer.text.includes('wrong-secret') && !answer.text.includes(DEMO_SECRET_KEY));
    }
    assert.equal((await run.control.stats()).auth, 0);
  });

  it('answers 400 for missing or mistyped fields and bodies that are not JSON objects', async () => {
    const bad: unknown[] = [
      {},
      { accessKey: DEMO_ACCESS_KEY },
      { secretKey: DEMO_SECRET_KEY },
      { accessKey: 1, secretKey: DEMO_SECRET_KEY },
      { accessKey: DEMO_ACCESS_KEY, secretKey: '' },
      { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, expires: '60' },
      { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, expires: -1 },
      { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, isOwner: 'yes' },
      [DEMO_ACCESS_KEY, DEMO_SECRET_KEY],
      null,
    ];
    for (const body of bad) {
      const answer = await call(run.url, '/v1/auth', { method: 'POST', rawBody: JSON.stringify(body) });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.json.status, false);
      assert.equal(typeof answer.json.message, 'string');
      assert.ok(!answer.text.includes(DEMO_SECRET_KEY));
    }
    for (const rawBody of ['accessKey=foziz2mdywm', '{"accessKey":', '']) {
      const answer = await call(run.url, '/v1/auth', { method: 'POST', rawBody });
      assert.equal(answer.status, 400, rawBody);
      assert.equal(answer.json.status, false);
    }
  });

  it('answers 401 without a token, with a malformed one, a forged one, and one signed elsewhere', async () => {
    const good = await signIn(run.url);
    const [h, p, s] = good.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims(good), exp: 9_999_999_999 })).toString('base64url');
    const cases: [string | undefined, string][] = [
      [undefined, 'missing s-connector-jwt header'],
      ['not-a-token', 'malformed token'],
      [`${h}.${p}`, 'malformed token'],
      [`${h}.${forgedPayload}.${s}`, 'invalid token signature'],
      // The document's own sample token: a real server's signature, not ours.
      ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjMiLCJkb21haW4iOiJodHRwczovL3JlYWRtZS5pbnRlcndhdGVyLmJpeiIsImFjY2Vzc0tleSI6ImZveml6Mm1keXdtIiwiaWF0IjoxNjEwMjU5NDUzLCJleHAiOjE2MTAyNjMwNTN9.bI3YamUjo3MZ_443Hj31nwOEkD_f16XLAuIVCtXlyzY', 'invalid token signature'],
    ];
    for (const path of ['/v1/info', '/v1/sessions', '/v1/sessions/gfds', '/v1/static?startTime=2021-02-20']) {
      for (const [token, message] of cases) {
        const answer = await call(run.url, path, { token });
        assert.equal(answer.status, 401, `${path} ${token}`);
        assert.deepEqual(answer.json, { status: false, message });
      }
    }
    assert.equal((await call(run.url, '/v1/info', { token: good })).status, 200);
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    const token = await signIn(run.url);
    const unknown = await call(run.url, '/v2/info', { token });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.status, false);
    const getAuth = await call(run.url, '/v1/auth');
    assert.equal(getAuth.status, 405);
    assert.equal(getAuth.headers.get('allow'), 'POST');
    const postInfo = await call(run.url, '/v1/info', { method: 'POST', token, body: {} });
    assert.equal(postInfo.status, 405);
    assert.equal(postInfo.json.status, false);
  });
});
