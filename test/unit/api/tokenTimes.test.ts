import * as assert from 'node:assert/strict';
import { readJwtTimes } from '../../../src/api/tokens';

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
});
