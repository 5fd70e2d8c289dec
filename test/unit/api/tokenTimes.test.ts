import * as assert from 'node:assert/strict';
import { readJwtClaims, readJwtTimes } from '../../../src/api/tokens';

describe('api/tokens readJwtTimes', () => {
  it("reads iat and exp from the document's sample token", () => {
    const sample = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjMiLCJkb21haW4iOiJodHRwczovL3JlYWRtZS5pbnRlcndhdGVyLmJpeiIsImFjY2Vzc0tleSI6ImZveml6Mm1keXdtIiwiaWF0IjoxNjEwMjU5NDUzLCJleHAiOjE2MTAyNjMwNTN9.bI3YamUjo3MZ_443Hj31nwOEkD_f16XLAuIVCtXlyzY';
    assert.deepEqual(readJwtTimes(sample), { issuedAt: 1610259453000, expiresAt: 1610263053000 });
  });

  it('returns nothing for tokens it cannot read, rather than failing', () => {
    assert.deepEqual(readJwtTimes('opaque-token'), {});
    assert.deepEqual(readJwtTimes('a.!!!.c'), {});
    assert.deepEqual(readJwtTimes(`a.${Buffer.from('{"exp":"soon"}').toString('base64url')}.c`), {});
  });

  const token = (claims: unknown) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

  it('reads each claim on its own, and leaves out the one that is missing', () => {
    assert.deepEqual(readJwtTimes(token({ iat: 10 })), { issuedAt: 10_000 });
    assert.deepEqual(readJwtTimes(token({ exp: 20 })), { expiresAt: 20_000 });
    assert.deepEqual(readJwtTimes(token({ iat: 1.5, exp: 0 })), { issuedAt: 1_500, expiresAt: 0 });
    assert.deepEqual(readJwtTimes(token({})), {});
  });

  it('ignores claims that are not finite numbers', () => {
    assert.deepEqual(readJwtTimes(token({ iat: '10', exp: null })), {});
    assert.deepEqual(readJwtTimes(token({ iat: true, exp: [20] })), {});
    // JSON has no Infinity, but 1e400 reads as one.
    assert.deepEqual(readJwtTimes(`h.${Buffer.from('{"iat":1e400,"exp":-1e400}').toString('base64url')}.s`), {});
  });

  it('reads a payload that is not an object as no claims', () => {
    assert.deepEqual(readJwtTimes(token(null)), {});
    assert.deepEqual(readJwtTimes(token(42)), {});
    assert.deepEqual(readJwtTimes(token([1, 2])), {});
  });

  it('reads the second part only, and needs no signature', () => {
    assert.deepEqual(readJwtTimes(`${token({ iat: 1 }).split('.').slice(0, 2).join('.')}`), { issuedAt: 1_000 });
    assert.deepEqual(readJwtTimes(`${token({ iat: 1 })}.${Buffer.from('{"iat":2}').toString('base64url')}`), { issuedAt: 1_000 });
    assert.deepEqual(readJwtTimes('a..c'), {});
    assert.deepEqual(readJwtTimes(''), {});
  });
});

describe('api/tokens readJwtClaims', () => {
  const token = (payload: string) => `h.${Buffer.from(payload).toString('base64url')}.s`;

  it('reads the claims object as the token states it', () => {
    assert.deepEqual(readJwtClaims(token('{"id":"3","isOwner":true,"exp":20}')), { id: '3', isOwner: true, exp: 20 });
  });

  it('reads nothing from a token without a JSON object in its payload', () => {
    for (const bad of ['opaque', 'a..c', 'a.!!!.c', token('[1,2]'), token('"text"'), token('null'), token('{')]) assert.equal(readJwtClaims(bad), undefined, bad);
  });
});
