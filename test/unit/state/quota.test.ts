import * as assert from 'node:assert/strict';
import { levelOfCounts, quotaLevel, quotaPercent, warningPercentFor } from '../../../src/state/quota';

describe('state/quota', () => {
  it('is ok below the threshold, warning from it, full at the limit', () => {
    assert.equal(quotaLevel(7, 10, 80), 'ok');
    assert.equal(quotaLevel(8, 10, 80), 'warning');
    assert.equal(quotaLevel(9, 10, 80), 'warning');
    assert.equal(quotaLevel(10, 10, 80), 'full');
    assert.equal(quotaLevel(12, 10, 80), 'full', 'over the limit is full too');
    assert.equal(quotaLevel(1, 10, 10), 'warning');
    assert.equal(quotaLevel(99, 100, 100), 'ok');
  });

  it('treats a zero limit as full as soon as a room is in use', () => {
    assert.equal(quotaLevel(0, 0, 80), 'ok');
    assert.equal(quotaLevel(1, 0, 80), 'full');
  });

  it('rounds the percentage and has none without a limit', () => {
    assert.equal(quotaPercent(1, 3), 33);
    assert.equal(quotaPercent(2, 3), 67);
    assert.equal(quotaPercent(5, 0), 0);
  });

  it("takes a license's own threshold by label, else the default", () => {
    const settings = { quotaWarningPercent: 80, licenseThresholds: { ' Production ': 95, Staging: 50 } };
    assert.equal(warningPercentFor(settings, 'production'), 95);
    assert.equal(warningPercentFor(settings, 'STAGING '), 50);
    assert.equal(warningPercentFor(settings, 'Other'), 80);
    assert.equal(warningPercentFor({ quotaWarningPercent: 70, licenseThresholds: {} }, 'Production'), 70);
  });

  it('reads a level from what a license shows, only when it has both its license and its rooms', () => {
    const rooms = (n: number) => Array.from({ length: n }, () => ({}));
    assert.equal(levelOfCounts({ license: { roomLimit: 10 }, rooms: rooms(7) }, 80), 'ok');
    assert.equal(levelOfCounts({ license: { roomLimit: 10 }, rooms: rooms(8) }, 80), 'warning');
    assert.equal(levelOfCounts({ license: { roomLimit: 10 }, rooms: rooms(8) }, 90), 'ok');
    assert.equal(levelOfCounts({ license: { roomLimit: 10 }, rooms: rooms(10) }, 80), 'full');
    assert.equal(levelOfCounts({ license: { roomLimit: 10 } }, 80), undefined);
    assert.equal(levelOfCounts({ rooms: rooms(3) }, 80), undefined);
  });
});
