import * as assert from 'node:assert/strict';
import type { UsageRange } from '../../../src/api/client';
import { ApiError } from '../../../src/api/errors';
import type { Usage, UsageTable } from '../../../src/api/schema';
import { asTable } from './usageTables';
import { MONTH_FRESH_MS, MonthToDate } from '../../../src/state/monthToDate';

class Source {
  readonly asked: UsageRange[] = [];
  fail: Error | undefined;
  usage(range: UsageRange): Promise<Usage> {
    this.asked.push(range);
    if (this.fail !== undefined) return Promise.reject(this.fail);
    return Promise.resolve({ domain: 'd', totalSeconds: 7200, skipped: 0, records: [{ roomName: 'a', seconds: 7200, createdAt: '2021-03-02T10:00:00Z' }] });
  }

  usageTable(range: UsageRange): Promise<UsageTable> {
    return this.usage(range).then(asTable);
  }
}

describe('state/monthToDate', () => {
  let now = Date.parse('2021-03-10T12:00:00Z');
  const clock = () => now;
  beforeEach(() => {
    now = Date.parse('2021-03-10T12:00:00Z');
  });

  it('asks once from the first of last month to today, and holds the figure for 15 minutes', async () => {
    const source = new Source();
    const month = new MonthToDate(source, clock, () => 'UTC');
    const seen: number[] = [];
    month.onDidChange((state) => seen.push(state.forecast?.soFarSeconds ?? -1));
    await Promise.all([month.refreshIfStale(), month.refreshIfStale(), month.get()]);
    assert.deepEqual(source.asked, [{ start: '2021-02-01', end: '2021-03-10' }]);
    assert.deepEqual(seen, [7200]);
    now += MONTH_FRESH_MS - 1;
    await month.refreshIfStale();
    assert.equal((await month.get()).soFarSeconds, 7200);
    assert.equal(source.asked.length, 1);
    now += 1;
    assert.equal(month.stale, true);
    await month.refreshIfStale();
    assert.equal(source.asked.length, 2);
    assert.equal(month.current.fetchedAt, now);
  });

  it('keeps the last figure with the error when a fetch fails, and waits 15 minutes before asking again', async () => {
    const source = new Source();
    const month = new MonthToDate(source, clock, () => 'UTC');
    await month.refreshIfStale();
    source.fail = new ApiError('unreachable', 'The server could not be reached.');
    now += MONTH_FRESH_MS;
    await month.refreshIfStale();
    assert.equal(month.current.error, 'The server could not be reached.');
    assert.equal(month.current.forecast?.soFarSeconds, 7200);
    await month.refreshIfStale();
    assert.equal(source.asked.length, 2, 'a failure counts as a fetch');
    await assert.rejects(month.get(), /could not be reached/, 'the report asks again, and is told');
  });

  it('treats a clock turned back as stale', async () => {
    const month = new MonthToDate(new Source(), clock, () => 'UTC');
    await month.refreshIfStale();
    now -= 1000;
    assert.equal(month.stale, true);
  });

  it('tells no one after dispose', async () => {
    const month = new MonthToDate(new Source(), clock, () => 'UTC');
    let told = 0;
    month.onDidChange(() => told++);
    month.dispose();
    await month.refreshIfStale();
    assert.equal(told, 0);
  });
});
