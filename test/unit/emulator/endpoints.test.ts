import * as assert from 'node:assert/strict';
import { HOSTILE_ROOM_NAMES } from '../../emulator/names';
import { call, signIn, start, useSignedInEmulator, TEST_NOW, type Running } from './helpers';

const SAMPLE_DETAIL = [
  { roomName: 'gsdagd', sessionTimeSecond: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
  { roomName: 'test', sessionTimeSecond: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
  { roomName: 'test', sessionTimeSecond: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
  { roomName: '12312', sessionTimeSecond: 610, createdAt: '2021-02-21T02:34:52.000Z' },
];

describe('emulator API endpoints', () => {
  let run: Running;
  let token: string;
  const get = (path: string) => call(run.url, path, { token });

  useSignedInEmulator((started, signedIn) => {
    run = started;
    token = signedIn;
  });

  describe('v1/info', () => {
    it('serves the document sample, following roomLimit and enabled', async () => {
      assert.deepEqual((await get('/v1/info')).json, {
        status: true,
        data: { domain: 'trial', roomLimit: 10, enabled: 1, createdAt: '2020-12-22T15:00:00.000Z' },
      });
      await run.control.configure({ roomLimit: 3, enabled: false });
      assert.deepEqual((await get('/v1/info')).json.data, { domain: 'trial', roomLimit: 3, enabled: 0, createdAt: '2020-12-22T15:00:00.000Z' });
    });
  });

  describe('v1/sessions (short shape)', () => {
    it('lists the two sample rooms first, then the generated ones, as {status, user, roomName}', async () => {
      const answer = await get('/v1/sessions');
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      const rooms = answer.json.data;
      assert.equal(rooms.length, 7);
      assert.deepEqual(rooms[0], { status: 'WAIT', user: 1, roomName: 'gfds' });
      assert.deepEqual(rooms[1], { status: 'ON_GOING', user: 2, roomName: 'gsdagd' });
      for (const room of rooms) {
        assert.deepEqual(Object.keys(room), ['status', 'user', 'roomName']);
        assert.ok(['WAIT', 'ON_GOING'].includes(room.status));
        assert.ok(Number.isInteger(room.user) && room.user >= 1);
      }
      assert.deepEqual(rooms.slice(2).map((r: { roomName: string }) => r.roomName), HOSTILE_ROOM_NAMES);
    });

    it('serves one room for every hostile name, URL-encoded, and 404 for an unknown room', async () => {
      const all = (await get('/v1/sessions')).json.data;
      for (const room of all) {
        const answer = await get(`/v1/sessions/${encodeURIComponent(room.roomName)}`);
        assert.equal(answer.status, 200, room.roomName);
        assert.deepEqual(answer.json, { status: true, data: room });
      }
      const sample = await get('/v1/sessions/gsdagd');
      assert.deepEqual(sample.json, { status: true, data: { status: 'ON_GOING', user: 2, roomName: 'gsdagd' } });
      const missing = await get(`/v1/sessions/${encodeURIComponent('no such room')}`);
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json, { status: false, message: 'room not found' });
    });

    it('does not guess unencoded or badly encoded names', async () => {
      // Encoded once more: the name is now literally "%EC%83%98..." which is no room.
      assert.equal((await get(`/v1/sessions/${encodeURIComponent(encodeURIComponent('샘플 회의실'))}`)).status, 404);
      // A raw "/" splits the path, as with a `:room_name` route.
      assert.equal((await get('/v1/sessions/Q&A%20/%2050%25%20done%3F%20%233')).status, 404);
      // A bare "%" is not valid percent-encoding.
      const bad = await get('/v1/sessions/50%zz');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.status, false);
    });
  });

  describe('v1/sessions (rich shape)', () => {
    it('lists OpenVidu-like rooms with one sessionToken per user', async () => {
      await run.control.configure({ shape: 'rich' });
      const rooms = (await get('/v1/sessions')).json.data;
      assert.equal(rooms.length, 7);
      assert.equal(rooms[0].sessionId, 'ses_ZB2Y3XJTyU');
      assert.deepEqual(rooms.map((r: { roomName: string }) => r.roomName).slice(0, 2), ['gfds', 'gsdagd']);
      assert.equal(rooms[0].status, 'WAIT');
      assert.equal(rooms[1].status, 'OPEN'); // ON_GOING is shown as the earlier document's OPEN
      assert.equal(rooms[1].sessionTokens.length, 2);
      for (const room of rooms) {
        assert.deepEqual(Object.keys(room), ['id', 'domain', 'sessionId', 'roomName', 'status', 'createdAt', 'sessionTokens']);
        assert.equal(room.domain, 'trial');
        assert.match(room.sessionId, /^ses_[A-Za-z0-9]{10}$/);
        assert.ok(!Number.isNaN(Date.parse(room.createdAt)));
        assert.ok(room.sessionTokens.length >= 1);
        for (const t of room.sessionTokens) {
          assert.match(t.connectionId, /^con_[A-Za-z0-9]{10}$/);
          assert.equal(t.sessionId, room.sessionId);
          assert.equal(t.sessionName, room.roomName);
          assert.equal(t.token, `wss://remote.interwater.biz?sessionId=${room.sessionId}&token=${/token=(tok_[A-Za-z0-9]{16})/.exec(t.token)?.[1]}&role=${t.role}&version=2.15.0`);
          assert.ok(['PUBLISHER', 'SUBSCRIBER', 'MODERATOR'].includes(t.role));
          assert.equal(t.status, 'active');
          for (const key of ['id', 'userName', 'location', 'platform', 'createdAt', 'updatedAt']) assert.equal(typeof t[key], 'string', key);
        }
      }
      const detail = await get(`/v1/sessions/${encodeURIComponent(HOSTILE_ROOM_NAMES[2]!)}`);
      assert.deepEqual(detail.json, { status: true, data: rooms[4] });
    });
  });

  describe('v1/static', () => {
    it('returns exactly the document sample for 2021-02-20..2021-02-25', async () => {
      const answer = await get('/v1/static?startTime=2021-02-20&endTime=2021-02-25');
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { status: true, data: { domain: 'https://readme.interwater.biz', totalSecond: 49951, detail: SAMPLE_DETAIL } });
    });

    it('includes the whole end day and starts at 00:00 UTC', async () => {
      const day = (await get('/v1/static?startTime=2021-02-22&endTime=2021-02-22')).json.data;
      assert.deepEqual(day.detail, SAMPLE_DETAIL.slice(0, 3));
      assert.equal(day.totalSecond, 42936 + 1481 + 4924);
      assert.deepEqual((await get('/v1/static?startTime=2021-02-21&endTime=2021-02-21')).json.data.detail, SAMPLE_DETAIL.slice(3));
      assert.deepEqual((await get('/v1/static?startTime=2021-02-23&endTime=2021-02-28')).json.data, { domain: 'https://readme.interwater.biz', totalSecond: 0, detail: [] });
    });

    it('runs until now without endTime, newest first, with the total of what it lists', async () => {
      const { records } = await run.control.data();
      const answer = await get('/v1/static?startTime=2021-02-01');
      const { detail, totalSecond } = answer.json.data;
      assert.equal(detail.length, records.length);
      assert.equal(detail.length, 2004);
      assert.equal(totalSecond, records.reduce((sum, r) => sum + r.sessionTimeSecond, 0));
      for (let i = 1; i < detail.length; i++) assert.ok(detail[i - 1].createdAt >= detail[i].createdAt);
      assert.ok(Date.parse(detail[0].createdAt) <= TEST_NOW);
      const lastWeek = (await get('/v1/static?startTime=2024-05-25')).json.data.detail;
      assert.ok(lastWeek.length > 0 && lastWeek.length < 200);
      assert.ok(lastWeek.every((r: { createdAt: string }) => r.createdAt >= '2024-05-25'));
    });

    it('answers 400 for a missing, malformed or impossible date, or an end before the start', async () => {
      for (const query of ['', '?endTime=2021-02-25', '?startTime=', '?startTime=2021-02-30', '?startTime=2021/02/20', '?startTime=20210220',
        '?startTime=2021-02-20&endTime=2021-13-01', '?startTime=2021-02-20&endTime=tomorrow', '?startTime=2021-02-25&endTime=2021-02-20']) {
        const answer = await get(`/v1/static${query}`);
        assert.equal(answer.status, 400, query);
        assert.equal(answer.json.status, false);
        assert.equal(typeof answer.json.message, 'string');
      }
    });

    // How fast is a figure of npm run bench, not a timed unit test (which fails on a busy machine).
    it('answers a range over 100000 records', async function () {
      this.timeout(30_000);
      const big = await start({ records: 100_000 });
      try {
        const bigToken = await signIn(big.url);
        const answer = await call(big.url, '/v1/static?startTime=2020-01-01', { token: bigToken });
        assert.equal(answer.json.data.detail.length, 100_004);
        const narrow = await call(big.url, '/v1/static?startTime=2021-02-20&endTime=2021-02-25', { token: bigToken });
        assert.equal(narrow.json.data.totalSecond, 49951);
      } finally {
        await big.emulator.close();
      }
    });
  });
});
