import * as assert from 'node:assert/strict';
import { burstRecords, CONCURRENCY_BURST, generateData, SAMPLE_RECORDS, type InitialData } from '../../emulator/data';
import { toMeetingTable } from '../../../src/report/aggregate';
import { concurrencySteps, peakOf } from '../../../src/report/concurrency';
import { HOSTILE_ROOM_NAMES } from '../../emulator/names';
import { deriveSeed, Random } from '../../emulator/random';
import { isoSeconds, parseDay, UsageLog } from '../../emulator/usageLog';
import { TEST_NOW } from './helpers';

const generate = (seed: number, rooms = 5, records = 2000, anchorMs = TEST_NOW): InitialData =>
  generateData({ seed, rooms, records, anchorMs });

describe('emulator random', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    assert.deepEqual(draw(1), draw(1));
    assert.notDeepEqual(draw(1), draw(2));
    const r = new Random(7);
    for (let i = 0; i < 1000; i++) {
      const x = r.int(3, 5);
      assert.ok(x >= 3 && x <= 5 && Number.isInteger(x));
    }
    assert.notEqual(deriveSeed(1, 0), deriveSeed(1, 1));
  });
});

describe('emulator data generation', () => {
  it('holds a known concurrency burst: 7 rooms at once two days before the anchor, alone on its day', () => {
    const data = generate(3, 5, 20_000);
    const { dayStartMs } = burstRecords(TEST_NOW);
    const table = toMeetingTable(data.records.map((record) => ({ roomName: record.roomName, seconds: record.sessionTimeSecond, createdAt: record.createdAt })));
    const day = concurrencySteps(table, { start: dayStartMs, end: dayStartMs + 86_400_000 });
    assert.deepEqual(peakOf(day), { count: CONCURRENCY_BURST.rooms, at: dayStartMs + 9 * 3_600_000 + 6 * 60_000 });
    const onTheDay = data.records.filter((record) => {
      const at = Date.parse(record.createdAt);
      return at + record.sessionTimeSecond * 1000 > dayStartMs && at < dayStartMs + 86_400_000;
    });
    assert.deepEqual(onTheDay.map((record) => record.roomName).sort(), Array.from({ length: 7 }, (_, i) => `burst-${i + 1}`));
    // The days around it are busy as usual: the burst day was cleared, not the whole log.
    assert.ok(data.records.some((record) => Math.abs(Date.parse(record.createdAt) - dayStartMs) < 2 * 86_400_000 && !record.roomName.startsWith('burst')));
  });

  it('leaves the extra licenses without the burst', () => {
    const data = generateData({ seed: 3, rooms: 2, records: 500, anchorMs: TEST_NOW, samples: false });
    assert.ok(!data.records.some((record) => record.roomName.startsWith('burst')));
  });

  it('is the same for the same seed and anchor, and different for another seed', () => {
    assert.deepEqual(generate(1), generate(1));
    assert.deepEqual(generate(42, 30, 500), generate(42, 30, 500));
    assert.notDeepEqual(generate(1).records, generate(2).records);
  });

  it('starts with the document samples, then every hostile name as a live room and a usage record', () => {
    const data = generate(9);
    assert.equal(data.rooms.length, 7);
    assert.deepEqual(
      data.rooms.slice(0, 2).map((r) => [r.roomName, r.status, r.participants.length]),
      [['gfds', 'WAIT', 1], ['gsdagd', 'ON_GOING', 2]],
    );
    assert.deepEqual(data.rooms.slice(2).map((r) => r.roomName), HOSTILE_ROOM_NAMES);
    const recordNames = new Set(data.records.map((r) => r.roomName));
    for (const name of HOSTILE_ROOM_NAMES) assert.ok(recordNames.has(name), name);
    for (const ch of ['/', '?', '#', '%', ' ', '<']) assert.ok(HOSTILE_ROOM_NAMES.some((n) => n.includes(ch)), ch);
    assert.equal(data.records.length, 2004);
    // The same room comes up many times (a pool of names, skewed).
    const counts = new Map<string, number>();
    for (const r of data.records) counts.set(r.roomName, (counts.get(r.roomName) ?? 0) + 1);
    assert.ok(Math.max(...counts.values()) > 50);
  });

  it('puts generated records in the 180 days before the anchor, whole seconds, never in February 2021', () => {
    const data = generate(3);
    const generated = data.records.slice(SAMPLE_RECORDS.length);
    for (const r of generated) {
      const t = Date.parse(r.createdAt);
      assert.ok(t < TEST_NOW && t >= TEST_NOW - 181 * 86_400_000, r.createdAt);
      assert.ok(r.createdAt.endsWith('.000Z'));
      assert.ok(Number.isInteger(r.sessionTimeSecond) && r.sessionTimeSecond >= 60 && r.sessionTimeSecond <= 4 * 3600);
    }
    // Even with a clock near the sample, February 2021 stays the sample's alone.
    const near = generate(3, 5, 5000, Date.UTC(2021, 3, 1));
    const feb = near.records.filter((r) => r.createdAt.startsWith('2021-02'));
    assert.deepEqual(feb, [...SAMPLE_RECORDS]);
  });

  // Its speed is a figure of npm run bench, not a timed unit test.
  it('makes 1000 rooms with unique names and 100000 records', () => {
    const data = generate(5, 1000, 100_000);
    assert.equal(data.rooms.length, 1002);
    assert.equal(new Set(data.rooms.map((r) => r.roomName)).size, 1002);
    assert.equal(new Set(data.rooms.map((r) => r.id)).size, 1002);
    assert.equal(data.records.length, 100_004);
  });
});

describe('emulator usage log', () => {
  it('parses YYYY-MM-DD as a UTC day and refuses impossible dates', () => {
    assert.equal(parseDay('2021-02-20'), Date.UTC(2021, 1, 20));
    assert.equal(parseDay('0099-01-01'), new Date('0099-01-01T00:00:00Z').getTime());
    for (const bad of ['2021-02-30', '2021-13-01', '2021-00-10', '2021-2-20', '20210220', '2021-02-20T00:00', ' 2021-02-20', 'yesterday', '']) {
      assert.equal(parseDay(bad), undefined, bad);
    }
  });

  it('answers [from, to) newest first with the total, and keeps order when records are added', () => {
    const log = new UsageLog([
      { roomName: 'b', sessionTimeSecond: 2, createdAt: '2024-01-02T00:00:00.000Z' },
      { roomName: 'a', sessionTimeSecond: 1, createdAt: '2024-01-01T00:00:00.000Z' },
      { roomName: 'c', sessionTimeSecond: 4, createdAt: '2024-01-03T00:00:00.000Z' },
    ]);
    log.add({ roomName: 'b2', sessionTimeSecond: 8, createdAt: '2024-01-02T00:00:00.000Z' });
    const report = log.range(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3));
    assert.deepEqual(report.detail.map((r) => r.roomName), ['b2', 'b', 'a']);
    assert.equal(report.totalSecond, 11);
    assert.equal(log.range(Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1)).detail.length, 0);
    assert.equal(log.size, 4);
    assert.equal(isoSeconds(Date.UTC(2024, 0, 1, 0, 0, 1, 999)), '2024-01-01T00:00:01.000Z');
  });
});
