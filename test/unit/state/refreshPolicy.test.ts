import * as assert from 'node:assert/strict';
import { MAX_RETRY_AFTER_MS } from '../../../src/api/http';
import { isDue, MAX_BACKOFF_MS, MAX_TIMER_MS, nextRefreshDelay, type RefreshDemand, UNFOCUSED_SLOWDOWN } from '../../../src/state/refreshPolicy';

const demand = (overrides: Partial<RefreshDemand> = {}): RefreshDemand => ({ signedIn: true, focused: true, viewVisible: true, statusBarShown: true, ...overrides });
const interval = 30_000;

describe('state/refreshPolicy', () => {
  it('polls every interval while focused and needed', () => {
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand(), failures: 0 }), interval);
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand({ viewVisible: false }), failures: 0 }), interval, 'the status bar alone needs it');
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand({ statusBarShown: false }), failures: 0 }), interval, 'the view alone needs it');
  });

  it('pauses when signed out or when nothing shows the data', () => {
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand({ signedIn: false }), failures: 0 }), undefined);
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand({ viewVisible: false, statusBarShown: false }), failures: 0 }), undefined);
  });

  it('slows down while the window is unfocused', () => {
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand({ focused: false }), failures: 0 }), interval * UNFOCUSED_SLOWDOWN);
  });

  it('backs off exponentially while the server fails, capped, and honours Retry-After', () => {
    const delays = [1, 2, 3, 4, 10].map((failures) => nextRefreshDelay({ intervalMs: interval, demand: demand(), failures }));
    assert.deepEqual(delays, [interval, interval * 2, interval * 4, interval * 8, MAX_BACKOFF_MS]);
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand(), failures: 1, retryAfterMs: 90_000 }), 90_000);
  });

  it('never backs off to a shorter wait than the normal pace (a 60-minute interval stays 60 minutes)', () => {
    const hour = 60 * 60_000;
    for (const failures of [1, 2, 5]) assert.equal(nextRefreshDelay({ intervalMs: hour, demand: demand(), failures }), hour, `${failures} failures`);
    assert.equal(nextRefreshDelay({ intervalMs: hour, demand: demand({ focused: false }), failures: 3 }), hour * UNFOCUSED_SLOWDOWN);
  });

  it('caps a huge Retry-After, and never asks for a timer longer than setTimeout can hold', () => {
    const delay = nextRefreshDelay({ intervalMs: interval, demand: demand(), failures: 1, retryAfterMs: 3_000_000_000 })!;
    assert.equal(delay, MAX_RETRY_AFTER_MS);
    assert.ok(delay <= MAX_TIMER_MS);
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand(), failures: 1, retryAfterMs: Number.NaN }), MAX_RETRY_AFTER_MS);
    assert.equal(nextRefreshDelay({ intervalMs: interval, demand: demand(), failures: 1, retryAfterMs: -5 }), interval, 'a negative wait is no wait');
    assert.equal(nextRefreshDelay({ intervalMs: 2 ** 40, demand: demand(), failures: 0 }), MAX_TIMER_MS);
  });

  it('catches up on focus only when the data is older than one interval', () => {
    assert.equal(isDue(undefined, 1_000, interval), true);
    assert.equal(isDue(0, interval - 1, interval), false);
    assert.equal(isDue(0, interval, interval), true);
    assert.equal(isDue(5_000, 5_000 + interval - 1, interval), false, 'counted from the last attempt');
    assert.equal(MAX_TIMER_MS, 2_147_483_647, 'the largest delay setTimeout keeps');
  });
});
