/** Access tokens for development: the lifetime a user may ask for, and the claims shown. */
import * as assert from 'node:assert/strict';
import { claimLines, lifetimeProblem, MAX_TOKEN_MINUTES } from '../../../src/state/accessToken';

describe('state/accessToken', () => {
  it('takes whole minutes from 1 to 30 days, trimmed', () => {
    for (const ok of ['1', ' 60 ', String(MAX_TOKEN_MINUTES)]) assert.equal(lifetimeProblem(ok), undefined, ok);
    assert.equal(MAX_TOKEN_MINUTES, 30 * 24 * 60);
    for (const bad of ['', '0', '-5', '1.5', '1e3', 'sixty', String(MAX_TOKEN_MINUTES + 1), '0x10']) {
      assert.match(lifetimeProblem(bad) ?? '', /whole minutes, from 1 to 43200/, bad);
    }
  });

  it('shows each claim as a line, times with the date they mean, in the token\'s order', () => {
    const lines = claimLines({ id: '3', domain: 'https://readme.interwater.biz', isOwner: true, iat: 1_700_000_000, exp: 1_700_001_800, nbf: 'soon', extra: { a: 1 }, missing: null }, (ms) => new Date(ms).toISOString());
    assert.deepEqual(lines, [
      'id: 3',
      'domain: https://readme.interwater.biz',
      'isOwner: true',
      'iat: 1700000000 (2023-11-14T22:13:20.000Z)',
      'exp: 1700001800 (2023-11-14T22:43:20.000Z)',
      'nbf: soon',
      'extra: {"a":1}',
      'missing: null',
    ]);
  });
});
