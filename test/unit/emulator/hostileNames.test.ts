import * as assert from 'node:assert/strict';
import {
  BIDI_CONTROLS_NAME, DUPLICATE_CONNECTION_ID, HOSTILE_UNICODE_ROOMS, LONE_SURROGATE_NAME, RIGHT_TO_LEFT_OVERRIDE_NAME, TWIN_NAME,
} from '../../emulator/hostileNames';
import { useSignedInEmulator, type Running } from './helpers';

/** The whole answer as bytes, to see exactly what went over the wire (fetch's text() would hide a bad byte as U+FFFD). */
async function rawBody(url: string, token: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { 's-connector-jwt': token } });
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
}

describe('emulator hostile Unicode rooms', () => {
  let run: Running;
  let token: string;

  useSignedInEmulator((started, signedIn) => {
    run = started;
    token = signedIn;
  });

  it('holds each hostile case it promises', () => {
    const names = HOSTILE_UNICODE_ROOMS.map((room) => room.roomName as string);
    assert.ok(names.includes(RIGHT_TO_LEFT_OVERRIDE_NAME) && RIGHT_TO_LEFT_OVERRIDE_NAME.includes('\u202E'));
    assert.ok(names.includes(BIDI_CONTROLS_NAME));
    for (const char of ['\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      assert.ok(BIDI_CONTROLS_NAME.includes(char), `U+${char.charCodeAt(0).toString(16)}`);
    }
    assert.ok(names.includes(LONE_SURROGATE_NAME));
    assert.match(LONE_SURROGATE_NAME, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'a lone surrogate, not a pair');
    const twins = HOSTILE_UNICODE_ROOMS.filter((room) => room.roomName === TWIN_NAME);
    assert.equal(twins.length, 2);
    assert.notEqual(twins[0]!.user, twins[1]!.user);
    const rich = HOSTILE_UNICODE_ROOMS.find((room) => Array.isArray(room.sessionTokens));
    const tokens = rich?.sessionTokens as { id: string; connectionId: string }[];
    assert.equal(tokens.length, 2);
    assert.equal(tokens[0]!.connectionId, DUPLICATE_CONNECTION_ID);
    assert.equal(tokens[1]!.connectionId, DUPLICATE_CONNECTION_ID);
    assert.notEqual(tokens[0]!.id, tokens[1]!.id);
  });

  it('setRooms round-trips them all verbatim through v1/sessions', async () => {
    await run.control.setRooms(HOSTILE_UNICODE_ROOMS);
    const body = await rawBody(`${run.url}/v1/sessions`, token);
    assert.deepEqual(JSON.parse(body.toString('utf8')), { status: true, data: HOSTILE_UNICODE_ROOMS });
    assert.deepEqual((await run.control.data()).roomsOverride, HOSTILE_UNICODE_ROOMS);
  });

  it('sends a lone surrogate as the JSON escape \\ud800, never as a replacement character', async () => {
    await run.control.setRooms([{ status: 'WAIT', user: 1, roomName: LONE_SURROGATE_NAME }]);
    const body = await rawBody(`${run.url}/v1/sessions`, token);
    const text = body.toString('utf8');
    assert.match(text, /lone\\ud800surrogate/i);
    assert.ok(!body.includes(Buffer.from([0xef, 0xbf, 0xbd])), 'no U+FFFD bytes');
    assert.ok(!body.includes(Buffer.from([0xed, 0xa0, 0x80])), 'no CESU-style encoded surrogate bytes either');
    assert.equal(JSON.parse(text).data[0].roomName, LONE_SURROGATE_NAME);
  });
});
