import * as assert from 'node:assert/strict';
import { extraLicenseKeys } from '../../emulator/extraLicenses';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../../emulator/server';
import { call, claims, start, type Running } from './helpers';

async function token(url: string, accessKey: string, secretKey: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(url, '/v1/auth', { method: 'POST', body: { accessKey, secretKey, ...extra } });
  assert.equal(answer.status, 200, answer.text);
  return answer.json.data.accessToken as string;
}

describe('emulator: several licenses', () => {
  let run: Running;
  before(async () => {
    run = await start({ extraLicenses: 2, rooms: 6, records: 300 });
  });
  after(async () => {
    await run.emulator.close();
  });
  beforeEach(() => run.control.reset());

  it('serves each license its own domain, limit, rooms and usage, chosen by the token', async () => {
    const main = await token(run.url, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    const first = extraLicenseKeys(1);
    const second = extraLicenseKeys(2);
    const one = await token(run.url, first.accessKey, first.secretKey);
    const two = await token(run.url, second.accessKey, second.secretKey);
    assert.equal(claims(one).accessKey, first.accessKey);
    const infos = await Promise.all([main, one, two].map(async (t) => (await call(run.url, '/v1/info', { token: t })).json.data));
    assert.deepEqual(infos.map((info: { domain: string; roomLimit: number }) => [info.domain, info.roomLimit]), [['trial', 10], ['customer1.example', 5], ['customer2.example', 6]]);
    const rooms = await Promise.all([main, one, two].map(async (t) => (await call(run.url, '/v1/sessions', { token: t })).json.data as { roomName: string }[]));
    assert.deepEqual(rooms.map((list) => list.length), [8, 2, 3], 'the sample license: 2 sample rooms + 6; extra n: n + 1');
    assert.ok(!rooms[1]!.some((room) => room.roomName === 'gsdagd'), 'the sample rooms are the sample license\'s only');
    const detail = await call(run.url, `/v1/sessions/${encodeURIComponent(rooms[1]![0]!.roomName)}`, { token: one });
    assert.equal(detail.status, 200);
    assert.equal((await call(run.url, `/v1/sessions/${encodeURIComponent(rooms[1]![0]!.roomName)}`, { token: main })).status, 404, 'another license does not see it');
    const usage = async (t: string) => (await call(run.url, '/v1/static?startTime=2000-01-01', { token: t })).json.data as { detail: unknown[] };
    assert.deepEqual([(await usage(main)).detail.length, (await usage(one)).detail.length, (await usage(two)).detail.length], [304, 150, 100]);
  });

  it("keeps one license's keys from signing in to another, and records expires and isOwner per sign-in", async () => {
    const first = extraLicenseKeys(1);
    const refused = await call(run.url, '/v1/auth', { method: 'POST', body: { accessKey: first.accessKey, secretKey: DEMO_SECRET_KEY } });
    assert.equal(refused.status, 401);
    await token(run.url, first.accessKey, first.secretKey, { expires: 5, isOwner: true });
    await token(run.url, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    assert.deepEqual((await run.control.stats()).signIns, [{ accessKey: first.accessKey, expires: 5, isOwner: true }, { accessKey: DEMO_ACCESS_KEY }]);
  });

  it('answers 401 for a token that no license signed', async () => {
    const answer = await call(run.url, '/v1/info', { token: 'not.a.token' });
    assert.equal(answer.status, 401);
    assert.equal(answer.json.message, 'malformed token');
  });
});
