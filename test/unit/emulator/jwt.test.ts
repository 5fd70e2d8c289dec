import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { decodeJwtPayload, signJwt, verifyJwt } from '../../emulator/jwt';

describe('emulator jwt', () => {
  const secret = crypto.randomBytes(32);

  it('signs an HS256 token that verifies and decodes', () => {
    const token = signJwt({ id: '3', iat: 1, exp: 2 }, secret);
    const [header] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(verifyJwt(token, secret), { ok: true, payload: { id: '3', iat: 1, exp: 2 } });
    assert.deepEqual(decodeJwtPayload(token), { id: '3', iat: 1, exp: 2 });
  });

  it('refuses another secret, a changed payload, alg none and garbage', () => {
    const token = signJwt({ id: '3' }, secret);
    assert.deepEqual(verifyJwt(token, crypto.randomBytes(32)), { ok: false, reason: 'signature' });
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from('{"id":"4"}').toString('base64url')}.${s}`;
    assert.deepEqual(verifyJwt(forged, secret), { ok: false, reason: 'signature' });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"id":"3"}').toString('base64url')}.x`;
    assert.deepEqual(verifyJwt(none, secret), { ok: false, reason: 'malformed' });
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', 'a b.c.d', `${h}.bm90IGpzb24.${s}`]) {
      assert.equal(verifyJwt(bad, secret).ok, false, bad);
    }
  });
});
