/** The edges of api/schema: every loose form a field may come in, and every answer that is refused, and in which words. */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { parseAccessToken, parseLicense, parseRoom, parseRoomDetail, parseRoomList, parseUsage } from '../../../src/api/schema';

/** Asserts that `call` throws an unexpectedResponse ApiError with exactly `message`. */
function refuses(call: () => unknown, message: string): void {
  assert.throws(call, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.kind, 'unexpectedResponse');
    assert.equal(error.message, message);
    return true;
  });
}

const LICENSE_SHAPE = 'The S-Connector server sent the license in a form this extension does not understand.';
const NO_ROOM_LIMIT = 'The S-Connector server sent the license (no room limit) in a form this extension does not understand.';
const ROOM_LIST_SHAPE = 'The S-Connector server sent the list of live rooms in a form this extension does not understand.';
const ROOM_SHAPE = 'The S-Connector server sent the room in a form this extension does not understand.';
const USAGE_SHAPE = 'The S-Connector server sent the usage report in a form this extension does not understand.';
const RECORDS_SHAPE = 'The S-Connector server sent the usage records in a form this extension does not understand.';
const SIGN_IN_SHAPE = 'The S-Connector server sent the sign-in answer in a form this extension does not understand.';

/** The one usage record `fields` make, or undefined when it is skipped. */
function record(fields: Record<string, unknown>): unknown {
  const usage = parseUsage({ detail: [{ roomName: 'r', sessionTimeSecond: 1, createdAt: '2021-02-22T12:39:26.000Z', ...fields }] });
  assert.equal(usage.records.length + usage.skipped, 1);
  return usage.records[0];
}

describe('api/schema edges', () => {
  describe('license', () => {
    it('refuses what is not an object, with its own sentence', () => {
      for (const data of [null, undefined, 'license', 10, [], [{ roomLimit: 10 }]]) refuses(() => parseLicense(data), LICENSE_SHAPE);
    });

    it('refuses a room limit that is missing, negative, blank or not a number', () => {
      for (const roomLimit of [undefined, null, -1, '', '  ', 'ten', '-3', Number.NaN, Number.POSITIVE_INFINITY, true, {}]) {
        refuses(() => parseLicense({ domain: 'd', roomLimit }), NO_ROOM_LIMIT);
      }
    });

    it('reads a room limit of zero, a fraction, or a number in a string', () => {
      assert.equal(parseLicense({ roomLimit: 0 }).roomLimit, 0);
      assert.equal(parseLicense({ roomLimit: '0' }).roomLimit, 0);
      assert.equal(parseLicense({ roomLimit: ' 12 ' }).roomLimit, 12);
      assert.equal(parseLicense({ roomLimit: 2.5 }).roomLimit, 2.5);
    });

    it('reads enabled in every form the API has used, and takes anything else as enabled', () => {
      const enabled = (value: unknown) => parseLicense({ roomLimit: 1, enabled: value }).enabled;
      for (const value of [true, 1, '1', 'true']) assert.equal(enabled(value), true, String(value));
      for (const value of [false, 0, '0', 'false']) assert.equal(enabled(value), false, String(value));
      for (const value of [undefined, null, 2, 'yes', 'FALSE', '']) assert.equal(enabled(value), true, String(value));
    });

    it('reads the domain as text, a number included, and is content without one', () => {
      assert.equal(parseLicense({ roomLimit: 1, domain: 42 }).domain, '42');
      assert.equal(parseLicense({ roomLimit: 1 }).domain, '');
      assert.equal(parseLicense({ roomLimit: 1, domain: { name: 'x' } }).domain, '');
      assert.equal(parseLicense({ roomLimit: 1, domain: Number.NaN }).domain, '');
    });

    it('leaves createdAt out, rather than undefined, when it is missing or unreadable', () => {
      for (const createdAt of [undefined, 'not a date', true, null, '2021-13-01T00:00:00.000Z']) {
        const license = parseLicense({ domain: 'd', roomLimit: 1, createdAt });
        assert.deepEqual(license, { domain: 'd', roomLimit: 1, enabled: true }, String(createdAt));
        assert.ok(!('createdAt' in license));
      }
    });

    it('writes createdAt in the canonical form, whatever form it came in', () => {
      const created = (value: unknown) => parseLicense({ roomLimit: 1, createdAt: value }).createdAt;
      assert.equal(created('2020-12-22T15:00:00.000Z'), '2020-12-22T15:00:00.000Z');
      assert.equal(created('2020-12-22T15:00:00Z'), '2020-12-22T15:00:00.000Z');
      assert.equal(created('2020-12-23T00:00:00+09:00'), '2020-12-22T15:00:00.000Z');
      assert.equal(created(1_608_649_200_000), '2020-12-22T15:00:00.000Z');
      assert.equal(created(0), '1970-01-01T00:00:00.000Z');
    });
  });

  describe('rooms', () => {
    it('refuses a list that is not a list', () => {
      for (const data of [null, {}, 'rooms', { rooms: [] }]) refuses(() => parseRoomList(data), ROOM_LIST_SHAPE);
    });

    it('reads an empty list', () => {
      assert.deepEqual(parseRoomList([]), { rooms: [], skipped: 0, duplicates: 0 });
    });

    it('keeps the first of two entries with one name, and counts the repeat apart from the unreadable', () => {
      const list = parseRoomList([
        { roomName: 'a', status: 'WAIT', user: 1 },
        { roomName: 'b', status: 'OPEN', user: 2 },
        { roomName: 'a', status: 'ON_GOING', user: 5 },
        { status: 'WAIT' },
        { roomName: 'a', status: 'OPEN', user: 3 },
      ]);
      assert.deepEqual(list.rooms, [
        { roomName: 'a', status: 'WAIT', userCount: 1 },
        { roomName: 'b', status: 'OPEN', userCount: 2 },
      ]);
      assert.equal(list.skipped, 1);
      assert.equal(list.duplicates, 2);
    });

    it('takes a name that is a number as text, and no name, an empty one or one of another type as unreadable', () => {
      assert.equal(parseRoom({ roomName: 1234 })?.roomName, '1234');
      assert.equal(parseRoom({ roomName: 0 })?.roomName, '0');
      for (const roomName of [undefined, '', null, true, {}, Number.NaN]) assert.equal(parseRoom({ roomName }), undefined, JSON.stringify(roomName));
      for (const value of [null, 'room', 7, ['a']]) assert.equal(parseRoom(value), undefined, String(value));
    });

    it('keeps a name as it comes, spaces and all', () => {
      assert.equal(parseRoom({ roomName: '  spaced  ' })?.roomName, '  spaced  ');
      assert.equal(parseRoom({ roomName: ' ' })?.roomName, ' ');
    });

    it('trims the status, and says UNKNOWN for a missing or blank one', () => {
      const status = (value: unknown) => parseRoom({ roomName: 'r', status: value })?.status;
      assert.equal(status(' ON_GOING '), 'ON_GOING');
      assert.equal(status('ARCHIVING'), 'ARCHIVING');
      for (const value of [undefined, '', '   ', null, {}]) assert.equal(status(value), 'UNKNOWN', JSON.stringify(value));
      assert.equal(status(3), '3');
    });

    it('counts users from `user`, else from the participants, else none', () => {
      const users = (fields: Record<string, unknown>) => parseRoom({ roomName: 'r', ...fields })?.userCount;
      assert.equal(users({ user: 4, sessionTokens: [{}, {}] }), 4);
      assert.equal(users({ user: 0, sessionTokens: [{}, {}] }), 0);
      assert.equal(users({ user: '3' }), 3);
      assert.equal(users({ user: -1, sessionTokens: [{}, {}, 'x'] }), 2);
      assert.equal(users({ user: 'many', sessionTokens: [] }), 0);
      assert.equal(users({}), 0);
    });

    it('leaves participants out unless sessionTokens is a list', () => {
      for (const sessionTokens of [undefined, null, {}, 'tokens']) {
        const room = parseRoom({ roomName: 'r', sessionTokens });
        assert.deepEqual(room, { roomName: 'r', status: 'UNKNOWN', userCount: 0 }, JSON.stringify(sessionTokens));
      }
      assert.deepEqual(parseRoom({ roomName: 'r', sessionTokens: [] })?.participants, []);
    });

    it('reads a participant in any of its forms, and only the fields it knows', () => {
      const [participant] = parseRoom({
        roomName: 'r',
        sessionTokens: [{ id: 77, userName: 5, role: 'SUBSCRIBER', status: 'active', createdAt: 1_608_649_200_000, token: 'wss://x?token=secret', location: null }],
      })?.participants ?? [];
      assert.deepEqual(participant, { connectionId: '77', userName: '5', role: 'SUBSCRIBER', status: 'active', createdAt: '2020-12-22T15:00:00.000Z' });
      const [named] = parseRoom({ roomName: 'r', sessionTokens: [{ connectionId: 'con_A', id: 1 }] })?.participants ?? [];
      assert.deepEqual(named, { connectionId: 'con_A' }, 'connectionId wins over id');
      const [empty] = parseRoom({ roomName: 'r', sessionTokens: [{}] })?.participants ?? [];
      assert.deepEqual(empty, {});
    });

    it('reads sessionId and createdAt of a room', () => {
      const room = parseRoom({ roomName: 'r', sessionId: 'ses_1', createdAt: '2021-01-06T11:42:35+09:00' });
      assert.deepEqual(room, { roomName: 'r', status: 'UNKNOWN', userCount: 0, sessionId: 'ses_1', createdAt: '2021-01-06T02:42:35.000Z' });
    });
  });

  describe('one room', () => {
    it('takes the first element of a list', () => {
      assert.equal(parseRoomDetail([{ roomName: 'first' }, { roomName: 'second' }]).roomName, 'first');
    });

    it('refuses an empty list, an unnamed room or what is not a room, with its own sentence', () => {
      for (const data of [[], [{}], {}, { roomName: '' }, null, 'room', [null, { roomName: 'second' }]]) refuses(() => parseRoomDetail(data), ROOM_SHAPE);
    });
  });

  describe('usage', () => {
    it('refuses what is not an object, and records that are not a list', () => {
      for (const data of [null, [], 'usage', 5]) refuses(() => parseUsage(data), USAGE_SHAPE);
      for (const detail of [{}, 'records', 5, { length: 1 }]) refuses(() => parseUsage({ detail }), RECORDS_SHAPE);
    });

    it('reads no records from a missing or null list', () => {
      assert.deepEqual(parseUsage({ domain: 'd', totalSecond: 0 }), { domain: 'd', totalSeconds: 0, records: [], skipped: 0 });
      assert.deepEqual(parseUsage({ detail: null }), { domain: '', totalSeconds: 0, records: [], skipped: 0 });
    });

    it('skips and counts a record without a readable room, length or start', () => {
      assert.equal(record({ roomName: undefined }), undefined);
      assert.equal(record({ roomName: {} }), undefined);
      assert.equal(record({ sessionTimeSecond: undefined }), undefined);
      assert.equal(record({ sessionTimeSecond: -1 }), undefined);
      assert.equal(record({ sessionTimeSecond: 'long' }), undefined);
      assert.equal(record({ createdAt: undefined }), undefined);
      assert.equal(record({ createdAt: 'yesterday' }), undefined);
      assert.equal(record({ createdAt: '2021-13-01T00:00:00.000Z' }), undefined);
      assert.equal(record({ createdAt: false }), undefined);
    });

    it('reads a record in its loose forms', () => {
      assert.deepEqual(record({ roomName: 12312, sessionTimeSecond: '610', createdAt: '2021-02-21 02:34:52Z' }), { roomName: '12312', seconds: 610, createdAt: '2021-02-21T02:34:52.000Z' });
      assert.deepEqual(record({ roomName: '', sessionTimeSecond: 0 }), { roomName: '', seconds: 0, createdAt: '2021-02-22T12:39:26.000Z' });
    });

    it('skips and counts items that are not objects', () => {
      const usage = parseUsage({ detail: [null, 'x', 3, [], { roomName: 'a', sessionTimeSecond: 2, createdAt: 0 }] });
      assert.deepEqual(usage.records, [{ roomName: 'a', seconds: 2, createdAt: '1970-01-01T00:00:00.000Z' }]);
      assert.equal(usage.skipped, 4);
    });

    it("keeps the server's total, zero included, and totals the records only without a readable one", () => {
      const detail = [
        { roomName: 'a', sessionTimeSecond: 5, createdAt: 0 },
        { roomName: 'b', sessionTimeSecond: 7, createdAt: 0 },
      ];
      assert.equal(parseUsage({ totalSecond: 0, detail }).totalSeconds, 0);
      assert.equal(parseUsage({ totalSecond: '99', detail }).totalSeconds, 99);
      assert.equal(parseUsage({ totalSecond: -1, detail }).totalSeconds, 12);
      assert.equal(parseUsage({ totalSecond: 'n/a', detail }).totalSeconds, 12);
      assert.equal(parseUsage({ detail }).totalSeconds, 12);
    });

    it('reads the domain as text', () => {
      assert.equal(parseUsage({ domain: 'trial' }).domain, 'trial');
      assert.equal(parseUsage({ domain: 7 }).domain, '7');
      assert.equal(parseUsage({ domain: null }).domain, '');
    });
  });

  describe('access token', () => {
    it('refuses an answer without a non-empty token string, with its own sentence', () => {
      for (const data of [null, 'a.b.c', [], { accessToken: '' }, { accessToken: 5 }, { accessToken: null }, { token: 'a.b.c' }, [{ accessToken: 'a.b.c' }]]) {
        refuses(() => parseAccessToken(data), SIGN_IN_SHAPE);
      }
    });

    it('takes the token exactly as sent', () => {
      assert.equal(parseAccessToken({ accessToken: ' a.b.c ', other: 1 }), ' a.b.c ');
    });
  });
});
