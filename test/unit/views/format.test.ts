import * as assert from 'node:assert/strict';
import { age, dateTime, localDay, stateWord, statusLabel, time, users } from '../../../src/views/format';

describe('views/format', () => {
  it('puts known statuses in words and keeps unknown ones as they come', () => {
    assert.equal(statusLabel('WAIT'), 'Waiting');
    assert.equal(statusLabel('ON_GOING'), 'In meeting');
    assert.equal(statusLabel('OPEN'), 'Open');
    assert.equal(statusLabel('ARCHIVING'), 'ARCHIVING');
  });

  it('counts users in words', () => {
    assert.equal(users(1), '1 user');
    assert.equal(users(0), '0 users');
  });

  it('says how long ago', () => {
    assert.equal(age(0, 10_000), 'just now');
    assert.equal(age(0, 5 * 60_000), '5 min ago');
    assert.equal(age(0, 3 * 3_600_000), '3 h ago');
    assert.equal(age(0, 4 * 86_400_000), '4 days ago');
    assert.equal(age(10_000, 0), 'just now', 'a clock that went back is not negative');
  });

  it('shows a moment in local time, and leaves what is not a date alone', () => {
    const local = new Date(2021, 1, 22, 21, 39);
    assert.equal(dateTime(local.toISOString()), '2021-02-22 21:39');
    assert.equal(dateTime('soon'), 'soon');
    assert.equal(localDay(new Date(2021, 0, 5, 23, 59)), '2021-01-05', "this machine's day, padded");
  });

  it('shows a time of day on a 24-hour clock, padded, in any language', () => {
    assert.equal(time(new Date(2021, 1, 22, 21, 39, 5).getTime()), '21:39:05');
    assert.equal(time(new Date(2021, 1, 22, 7, 3, 0).getTime()), '07:03:00');
  });

  it("names a license's state in a word or two, and nothing for one signed in with fresh data", () => {
    assert.deepEqual(
      (['signedOut', 'rejected', 'loading', 'ready'] as const).flatMap((phase) => [false, true].map((failed) => stateWord(phase, failed))),
      ['signed out', 'signed out', 'sign-in refused', 'sign-in refused', 'loading', 'failing', undefined, 'stale'],
    );
  });
});
