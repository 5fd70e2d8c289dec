/**
 * state/reportCompute: the report's worker thread reads a usage answer from the emulator, over a
 * real socket, to the same table as reading it in this thread and as reading it whole; counts the
 * same totals; and a cancelled request stops, leaving nothing half-read behind.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ApiError } from '../../../src/api/errors';
import type { ReadingTail } from '../../../src/api/usageStream';
import { toMeetingTable, aggregate } from '../../../src/report/aggregate';
import { inThread, ReportWorker } from '../../../src/state/reportCompute';
import { EmulatorControl } from '../../emulator/control';
import { type Emulator, startEmulator } from '../../emulator/server';
import { failure, makeStack } from '../api/fixture';
import { plainTable } from '../shared/plainTable';

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

  it('stops a worker started ahead of work that never came, once idle', async () => {
    const warmed = new ReportWorker(WORKER, 20);
    try {
      warmed.warm();
      assert.equal(warmed.running, true);
      await stopped(warmed);
    } finally {
      warmed.dispose();
    }
  });

  it('keeps the worker while an answer is being read, and stops it once idle after', async () => {
    const resting = new ReportWorker(WORKER, 20);
    try {
      const reader = resting.usageReader(); // an answer under way (one license's may arrive for minutes)
      // Other work answered meanwhile (a second license's count, say): its reply arms the idle stop.
      const { table } = await makeStack(emulator.url).client.usageTable(RANGE);
      await resting.aggregate(table, RANGE, 'UTC', undefined);
      // No event says "not stopped": five times the idle time, in which a stop would have come.
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(resting.running, true, 'the answer being read keeps its worker');
      reader.drop();
      await stopped(resting);
    } finally {
      resting.dispose();
    }
  });

  it('reads the answer in the worker to the table the records make, as this thread does', async () => {
    const { client } = makeStack(emulator.url);
    const usage = await client.usage(RANGE);
    const fromWorker = await client.usageTable(RANGE, { reader: () => worker.usageReader() });
    const inThisThread = await client.usageTable(RANGE);
    assert.equal(fromWorker.table.room.length, 20_004);
    assert.deepEqual(plainTable(fromWorker.table), toMeetingTable(usage.records));
    assert.deepEqual({ ...inThisThread, table: plainTable(inThisThread.table) }, { ...fromWorker, table: plainTable(fromWorker.table) });
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

  it('tells the figures so far from the worker as it reads, and where its time after the last byte went', async () => {
    const { client } = makeStack(emulator.url);
    const counting = { range: RANGE, timeZone: 'Asia/Seoul', limit: undefined };
    const soFar: number[] = [];
    let tail: ReadingTail | undefined;
    const { table } = await client.usageTable(RANGE, {
      reader: () => {
        const reader = worker.usageReader({ counting, onRecords: (_count, figures) => figures && soFar.push(figures.summary.meetings) });
        return {
          push: (chunk) => reader.push(chunk),
          drop: () => reader.drop(),
          finish: async () => {
            const read = await reader.finish();
            tail = read.kept.tail;
            return read;
          },
        };
      },
    });
    assert.ok(soFar.length > 0 && soFar[0]! > 0, `figures so far told ${soFar.length} times`);
    assert.ok(soFar.every((meetings) => meetings <= table.room.length));
    // Each part on the machine's one clock, read in two threads: never less than nothing, give or take a rounding.
    for (const part of [tail?.behindMs, tail?.workMs, tail?.backMs]) assert.ok(part !== undefined && part > -1 && part < 60_000, `${part}`);
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

/** Resolves once `worker` has stopped its thread; polled, as the stop is a timer of its own. */
function stopped(worker: ReportWorker): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (worker.running) return;
      clearInterval(check);
      resolve();
    }, 5);
    check.unref(); // a failure (mocha's timeout) leaves nothing running
  });
}
