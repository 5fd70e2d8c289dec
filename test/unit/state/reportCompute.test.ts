/**
 * state/reportCompute: the report's worker thread reads a usage answer from the emulator, over a
 * real socket, to the same table as reading it in this thread and as reading it whole; counts the
 * same totals; and a cancelled request stops, leaving nothing half-read behind.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ApiError } from '../../../src/api/errors';
import { toMeetingTable, aggregate } from '../../../src/report/aggregate';
import { inThread, ReportWorker } from '../../../src/state/reportCompute';
import { EmulatorControl } from '../../emulator/control';
import { type Emulator, startEmulator } from '../../emulator/server';
import { failure, makeStack } from '../api/fixture';

const WORKER = path.join(__dirname, '../../../src/state/reportWorker.js');
const RANGE = { start: '2000-01-01', end: '2099-12-31' };

describe('state/reportCompute', () => {
  let emulator: Emulator;
  let worker: ReportWorker;
  before(async () => {
    emulator = await startEmulator({ seed: 5, records: 20_000 });
  });
  after(() => emulator.close());
  beforeEach(() => {
    worker = new ReportWorker(WORKER);
  });
  afterEach(() => worker.dispose());

  it('reads the answer in the worker to the table the records make, as this thread does', async () => {
    const { client } = makeStack(emulator.url);
    const usage = await client.usage(RANGE);
    const fromWorker = await client.usageTable(RANGE, { reader: () => worker.usageReader() });
    const inThisThread = await client.usageTable(RANGE);
    assert.equal(fromWorker.table.room.length, 20_004);
    assert.deepEqual(fromWorker.table, toMeetingTable(usage.records));
    assert.deepEqual(inThisThread, fromWorker);
    assert.equal(fromWorker.totalSeconds, usage.totalSeconds);
    assert.equal(fromWorker.domain, usage.domain);
  });

  it('counts the same totals in the worker as in this thread, in any zone', async () => {
    const { client } = makeStack(emulator.url);
    const { table } = await client.usageTable(RANGE);
    const limit = { roomLimit: 10, warningPercent: 80 };
    for (const zone of ['Asia/Seoul', 'America/New_York']) {
      const counted = await worker.aggregate(table, RANGE, zone, limit);
      assert.deepEqual(counted, aggregate(table, RANGE, zone, limit));
      assert.deepEqual(counted, await inThread.aggregate(table, RANGE, zone, limit));
    }
  });

  it('counts a table\'s totals where it reads it, for the counting asked and only for that', async () => {
    const { client } = makeStack(emulator.url);
    const limit = { roomLimit: 10, warningPercent: 80 };
    const { table } = await client.usageTable(RANGE, { reader: () => worker.usageReader({ counting: { range: RANGE, timeZone: 'Asia/Seoul', limit } }) });
    // Counted as the answer was read: the same totals as counting the table afresh.
    assert.deepEqual(await worker.aggregate(table, RANGE, 'Asia/Seoul', limit), aggregate(table, RANGE, 'Asia/Seoul', limit));
    // Another zone, limit or range is another count, not the one kept.
    assert.deepEqual(await worker.aggregate(table, RANGE, 'America/New_York', limit), aggregate(table, RANGE, 'America/New_York', limit));
    assert.deepEqual(await worker.aggregate(table, RANGE, 'Asia/Seoul', { roomLimit: 3, warningPercent: 80 }), aggregate(table, RANGE, 'Asia/Seoul', { roomLimit: 3, warningPercent: 80 }));
    const shorter = { start: '2000-01-01', end: '2030-12-31' };
    assert.deepEqual(await worker.aggregate(table, shorter, 'Asia/Seoul', limit), aggregate(table, shorter, 'Asia/Seoul', limit));
  });

  it('says an answer is not JSON, as reading it whole does', async () => {
    const { client } = makeStack(emulator.url);
    await new EmulatorControl(emulator.url).addFault({ type: 'nonJson', path: '/v1/static', times: 2 });
    const fromWorker = await failure(client.usageTable(RANGE, { reader: () => worker.usageReader() }));
    const inThisThread = await failure(client.usageTable(RANGE));
    assert.ok(fromWorker instanceof ApiError);
    assert.equal(fromWorker.kind, 'unexpectedResponse');
    assert.match(fromWorker.message, /not JSON/);
    assert.equal(fromWorker.message, inThisThread.message);
  });

  it('stops reading an answer cancelled while it arrives, lets the reader go, and reads the next answer whole', async () => {
    const { client } = makeStack(emulator.url);
    const cancel = new AbortController();
    let chunks = 0;
    let dropped = false;
    const error = await failure(client.usageTable(RANGE, {
      signal: cancel.signal,
      reader: () => {
        const reader = worker.usageReader();
        return {
          push: (chunk) => {
            chunks++;
            cancel.abort(); // the user asked for another range as the first bytes came
            reader.push(chunk);
          },
          finish: () => reader.finish(),
          drop: () => {
            dropped = true;
            reader.drop();
          },
        };
      },
    }));
    assert.ok(error instanceof ApiError);
    assert.equal(error.kind, 'cancelled');
    assert.equal(chunks, 1, 'nothing more is read once cancelled');
    assert.ok(dropped, 'the reader lets go of what it had');
    const next = await client.usageTable(RANGE, { reader: () => worker.usageReader() });
    assert.equal(next.table.room.length, 20_004);
  });
});
