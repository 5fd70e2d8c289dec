import * as assert from 'node:assert/strict';
import { EmulatorControl } from '../../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../../emulator/server';
import { call, signIn, start, useSignedInEmulator, TEST_NOW, type Running } from './helpers';

describe('emulator control API', () => {
  let run: Running;
  let token: string;
  const get = (path: string) => call(run.url, path, { token });

  useSignedInEmulator((started, signedIn) => {
    run = started;
    token = signedIn;
  });

  it('data(): the license, the live rooms in internal form, the records oldest first', async () => {
    const data = await run.control.data();
    assert.deepEqual(data.license, { domain: 'trial', roomLimit: 10, enabled: 1, createdAt: '2020-12-22T15:00:00.000Z' });
    assert.equal(data.rooms.length, 7);
    assert.deepEqual(Object.keys(data.rooms[0]!), ['id', 'sessionId', 'roomName', 'status', 'createdAt', 'participants']);
    assert.equal(data.roomsOverride, null);
    assert.equal(data.records.length, 2004);
    assert.deepEqual(Object.keys(data.records[0]!), ['roomName', 'sessionTimeSecond', 'createdAt']);
    for (let i = 1; i < data.records.length; i++) assert.ok(data.records[i - 1]!.createdAt <= data.records[i]!.createdAt);
  });

  it('setRooms(): serves exactly the given raw objects, by list and by name, until reset', async () => {
    const rooms = [
      { status: 'CLOSING', user: 0, roomName: '이상한 방', extra: { nested: [1, 2] } },
      { roomName: 'no status at all' },
      { status: 'WAIT', user: '3', roomName: 42 },
      null,
      'just a string',
    ];
    await run.control.setRooms(rooms);
    assert.deepEqual((await get('/v1/sessions')).json, { status: true, data: rooms });
    assert.deepEqual((await get(`/v1/sessions/${encodeURIComponent('이상한 방')}`)).json, { status: true, data: rooms[0] });
    assert.equal((await get('/v1/sessions/gfds')).status, 404);
    await run.control.configure({ shape: 'rich' });
    assert.deepEqual((await get('/v1/sessions')).json.data, rooms, 'verbatim whatever the shape');
    await run.control.setRooms([]);
    assert.deepEqual((await get('/v1/sessions')).json, { status: true, data: [] });
    await run.control.reset();
    assert.equal((await get('/v1/sessions')).json.data[0].roomName, 'gfds');
    await assert.rejects(run.control.setRooms({ rooms: [] } as never), /HTTP 400/);
  });

  it('tick(): rooms change, closed meetings become usage records, same seed => same steps', async () => {
    const before = await run.control.data();
    await run.control.tick(30);
    const after = await run.control.data();
    assert.notDeepEqual(after.rooms, before.rooms);
    assert.ok(after.records.length > before.records.length, 'some rooms closed in 30 steps');
    const added = after.records.slice(before.records.length);
    for (const record of added) {
      assert.equal(record.createdAt, new Date(TEST_NOW).toISOString());
      assert.ok(record.sessionTimeSecond >= 1);
    }
    for (const room of after.rooms) {
      assert.ok(room.participants.length >= 1, 'a room whose last user left is closed');
      assert.ok(['WAIT', 'ON_GOING'].includes(room.status));
    }
    assert.ok(after.rooms.length <= 10);
    assert.equal(new Set(after.rooms.map((r) => r.roomName)).size, after.rooms.length, 'open room names stay unique');
    // The API shows the same state.
    const listed = (await get('/v1/sessions')).json.data;
    assert.deepEqual(listed.map((r: { roomName: string }) => r.roomName), after.rooms.map((r) => r.roomName));
    // The new records are in v1/static "until now", newest first.
    const today = (await get('/v1/static?startTime=2024-06-01')).json.data;
    assert.equal(today.detail.length, after.records.filter((r) => r.createdAt >= '2024-06-01').length);
    assert.deepEqual(today.detail.slice(0, added.length), [...added].reverse());

    const twin = await start();
    try {
      await twin.control.tick(30);
      assert.deepEqual(await twin.control.data(), after);
    } finally {
      await twin.emulator.close();
    }
  });

  it('tick(): a waiting room with two users is in a meeting; never more rooms than max(roomLimit, start)', async () => {
    const over = await start({ rooms: 20, roomLimit: 3, seed: 11 });
    try {
      for (let i = 0; i < 10; i++) {
        await over.control.tick(10);
        const { rooms } = await over.control.data();
        assert.ok(rooms.length <= 22);
        for (const room of rooms) {
          if (room.participants.length >= 2) assert.equal(room.status, 'ON_GOING');
        }
      }
      await over.control.configure({ roomLimit: 40 });
      await over.control.tick(200);
      const { rooms } = await over.control.data();
      assert.ok(rooms.length <= 40 && rooms.length > 0);
    } finally {
      await over.emulator.close();
    }
  });

  it('tickMs: rooms change by themselves on a timer, and stop when frozen', async () => {
    const live = await start({ tickMs: 10, seed: 4 });
    try {
      const first = await live.control.data();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const later = await live.control.data();
      assert.notDeepEqual(later.rooms, first.rooms);
      await live.control.configure({ tickMs: 0 });
      const frozen = await live.control.data();
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.deepEqual((await live.control.data()).rooms, frozen.rooms);
    } finally {
      await live.emulator.close();
    }
  });

  it('configure({secretKey}): the old secret no longer signs in and older tokens get 401', async () => {
    const keys = await start();
    try {
      const old = await signIn(keys.url);
      assert.equal((await call(keys.url, '/v1/info', { token: old })).status, 200);
      await keys.control.configure({ secretKey: 'rotated-secret' });
      const revoked = await call(keys.url, '/v1/info', { token: old });
      assert.equal(revoked.status, 401);
      assert.deepEqual(revoked.json, { status: false, message: 'token revoked: the keys were changed' });
      const oldSignIn = await call(keys.url, '/v1/auth', { method: 'POST', body: { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY } });
      assert.equal(oldSignIn.status, 401);
      const fresh = await call(keys.url, '/v1/auth', { method: 'POST', body: { accessKey: DEMO_ACCESS_KEY, secretKey: 'rotated-secret' } });
      assert.equal(fresh.status, 200);
      const freshToken: string = fresh.json.data.accessToken;
      assert.equal((await call(keys.url, '/v1/info', { token: freshToken })).status, 200);
      // Setting the same key again changes nothing.
      await keys.control.configure({ secretKey: 'rotated-secret' });
      assert.equal((await call(keys.url, '/v1/info', { token: freshToken })).status, 200);
      // Reset brings the sample key back, which is another change of keys; a reset without a key change revokes nothing.
      await keys.control.reset();
      assert.equal((await call(keys.url, '/v1/info', { token: freshToken })).status, 401);
      const again = await signIn(keys.url);
      await keys.control.reset();
      assert.equal((await call(keys.url, '/v1/info', { token: again })).status, 200);
    } finally {
      await keys.emulator.close();
    }
  });

  it('configure(): refuses unknown keys and bad values with 400', async () => {
    for (const bad of [{ shape: 'wide' }, { roomLimit: -1 }, { enabled: 1 }, { latencyMs: 'slow' }, { tokenLifetimeSeconds: -5 }, { secretKey: '' }, { tickMs: 1 }, { colour: 'red' }]) {
      await assert.rejects(run.control.configure(bad as never), /HTTP 400: ./, JSON.stringify(bad));
    }
    const notObject = await call(run.url, '/__emulator/config', { method: 'PATCH', rawBody: '[1]' });
    assert.equal(notObject.status, 400);
    await assert.rejects(run.control.tick(0), /HTTP 400/);
  });

  it('reset(): initial data and config back, faults and stats cleared', async () => {
    const initial = await run.control.data();
    await run.control.tick(20);
    await run.control.configure({ shape: 'rich', roomLimit: 2, latencyMs: 5 });
    await run.control.addFault({ type: 'status', status: 500, times: -1 });
    await get('/v1/info');
    await run.control.reset();
    assert.deepEqual(await run.control.data(), initial);
    assert.deepEqual(await run.control.stats(), { auth: 0, signIns: [], requests: [] });
    assert.deepEqual((await get('/v1/sessions')).json.data[0], { status: 'WAIT', user: 1, roomName: 'gfds' });
  });

  it('stats(): every API request with its final status, raw path without query; control calls not counted', async () => {
    await signIn(run.url);
    await get('/v1/info');
    await get('/v1/static?startTime=bad');
    await get(`/v1/sessions/${encodeURIComponent('🎥 standup')}`);
    await call(run.url, '/v1/info');
    await call(run.url, '/nowhere');
    await run.control.data();
    const stats = await run.control.stats();
    assert.equal(stats.auth, 1);
    assert.deepEqual(stats.requests, [
      { method: 'POST', path: '/v1/auth', status: 200 },
      { method: 'GET', path: '/v1/info', status: 200 },
      { method: 'GET', path: '/v1/static', status: 400 },
      { method: 'GET', path: `/v1/sessions/${encodeURIComponent('🎥 standup')}`, status: 200 },
      { method: 'GET', path: '/v1/info', status: 401 },
      { method: 'GET', path: '/nowhere', status: 404 },
    ]);
    await run.control.clearStats();
    assert.deepEqual(await run.control.stats(), { auth: 0, signIns: [], requests: [] });
  });

  it('answers 404 for unknown control paths, 405 for wrong methods, and fails clearly when nothing listens', async () => {
    assert.equal((await call(run.url, '/__emulator/nothing')).status, 404);
    const wrong = await call(run.url, '/__emulator/reset');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    const trailing = new EmulatorControl(`${run.url}/`);
    await trailing.clearStats();
    const gone = await start();
    const url = gone.url;
    await gone.emulator.close();
    await assert.rejects(new EmulatorControl(url).stats(), /emulator control GET .* failed/);
  });
});
