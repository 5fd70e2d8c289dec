import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { parseAccessToken, parseLicense, parseRoomDetail, parseRoomList, parseUsage } from '../../../src/api/schema';

describe('api/schema', () => {
  it('reads the documented license, with enabled as 1/0', () => {
    const license = parseLicense({ domain: 'trial', roomLimit: 10, enabled: 1, createdAt: '2020-12-22T15:00:00.000Z' });
    assert.deepEqual(license, { domain: 'trial', roomLimit: 10, enabled: true, createdAt: '2020-12-22T15:00:00.000Z' });
    assert.equal(parseLicense({ domain: 'x', roomLimit: '3', enabled: 0 }).enabled, false);
    assert.equal(parseLicense({ domain: 'x', roomLimit: '3', enabled: 0 }).roomLimit, 3);
  });

  it('rejects a license without a room limit with a clear error', () => {
    assert.throws(() => parseLicense({ domain: 'trial' }), (error: unknown) =>
      error instanceof ApiError && error.kind === 'unexpectedResponse' && /license/.test(error.message));
    assert.throws(() => parseLicense([]), ApiError);
  });

  it('reads the short room shape and keeps unknown statuses as they come', () => {
    const list = parseRoomList([
      { status: 'WAIT', user: 1, roomName: 'gfds' },
      { status: 'ARCHIVING', user: '2', roomName: '샘플 회의실', somethingNew: { nested: true } },
    ]);
    assert.equal(list.skipped, 0);
    assert.deepEqual(list.rooms[0], { roomName: 'gfds', status: 'WAIT', userCount: 1 });
    assert.deepEqual(list.rooms[1], { roomName: '샘플 회의실', status: 'ARCHIVING', userCount: 2 });
  });

  it('reads the earlier rich shape with participants, counting users from sessionTokens', () => {
    const room = parseRoomDetail({
      id: '938', domain: 'trial', sessionId: 'ses_ZB2Y3XJTyU', roomName: 'gsdagd', status: 'OPEN',
      createdAt: '2021-01-06T02:42:35.000Z',
      sessionTokens: [{
        id: 1, connectionId: 'con_A', sessionId: 'ses_ZB2Y3XJTyU', sessionName: 'gsdagd', token: 'wss://x?token=tok_1',
        userName: 'kim', role: 'PUBLISHER', location: 'Yangcheon-gu, South Korea',
        platform: 'Chrome 87.0.4280.88 on OS X 11.1.0 64-bit', status: 'active', createdAt: '2021-01-06T02:43:00.000Z', updatedAt: 'x',
      }, 'not a participant'],
    });
    assert.equal(room.userCount, 1);
    assert.equal(room.status, 'OPEN');
    assert.equal(room.sessionId, 'ses_ZB2Y3XJTyU');
    assert.deepEqual(room.participants, [{
      connectionId: 'con_A', userName: 'kim', role: 'PUBLISHER', platform: 'Chrome 87.0.4280.88 on OS X 11.1.0 64-bit',
      location: 'Yangcheon-gu, South Korea', status: 'active', createdAt: '2021-01-06T02:43:00.000Z',
    }]);
    assert.ok(!('token' in room.participants[0]!), 'participant join tokens are not kept');
  });

  it('skips and counts rooms it cannot read instead of failing the list', () => {
    const list = parseRoomList([{ status: 'WAIT', user: 1 }, null, 'x', { roomName: 'ok', user: -1 }]);
    assert.deepEqual(list.rooms, [{ roomName: 'ok', status: 'UNKNOWN', userCount: 0 }]);
    assert.equal(list.skipped, 3);
  });

  it('rejects a room list that is not a list', () => {
    assert.throws(() => parseRoomList({ rooms: [] }), (error: unknown) => error instanceof ApiError && error.kind === 'unexpectedResponse');
  });

  it('reads usage, normalises dates and counts unreadable records', () => {
    const usage = parseUsage({
      domain: 'd', totalSecond: 100,
      detail: [
        { roomName: 'a', sessionTimeSecond: 60, createdAt: '2021-02-22T12:39:26Z' },
        { roomName: 'b', sessionTimeSecond: 40, createdAt: 'yesterday' },
        { roomName: 'c', createdAt: '2021-02-22T12:39:26Z' },
      ],
    });
    assert.deepEqual(usage.records, [{ roomName: 'a', seconds: 60, createdAt: '2021-02-22T12:39:26.000Z' }]);
    assert.equal(usage.totalSeconds, 100, "the server's own total is kept");
    assert.equal(usage.skipped, 2);
  });

  it('totals the records itself when the server gives no total', () => {
    const usage = parseUsage({ detail: [{ roomName: 'a', sessionTimeSecond: 5, createdAt: 0 }, { roomName: 'a', sessionTimeSecond: 7, createdAt: 1 }] });
    assert.equal(usage.totalSeconds, 12);
    assert.equal(parseUsage({ domain: 'd' }).records.length, 0);
  });

  it('reads the access token, and rejects an answer without one', () => {
    assert.equal(parseAccessToken({ accessToken: 'a.b.c' }), 'a.b.c');
    assert.throws(() => parseAccessToken({ token: 'a.b.c' }), ApiError);
  });
});
