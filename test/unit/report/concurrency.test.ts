import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { concurrencySteps, partsOf, peakOf, timeAtLeast, type ConcurrencySteps, type TimeWindow } from '../../../src/report/concurrency';
import type { MeetingTable } from '../../../src/shared/reportTypes';

const MINUTE = 60_000;

/** Meetings as [room, start minute, length in minutes]. */
function tableOf(meetings: readonly (readonly [number, number, number])[], rooms = 5): MeetingTable {
  return {
    roomNames: Array.from({ length: rooms }, (_, r) => `room ${r}`),
    room: meetings.map(([room]) => room),
    startedAt: meetings.map(([, start]) => start * MINUTE),
    seconds: meetings.map(([, , length]) => length * 60),
  };
}

/** The count at instant `t`, by looking at every meeting: distinct rooms busy over [start, end) ∩ window. */
function bruteCount(table: MeetingTable, window: TimeWindow, t: number): number {
  if (t < window.start || t >= window.end) return 0;
  const busy = new Set<number>();
  Array.from(table.room).forEach((room, i) => {
    const start = table.startedAt[i]!;
    const end = start + table.seconds[i]! * 1000;
    if (start <= t && t < end) busy.add(room);
  });
  return busy.size;
}

/** The step function's value at `t`. */
function stepAt(steps: ConcurrencySteps, t: number): number {
  let value = 0;
  steps.times.forEach((time, k) => {
    if (time <= t) value = steps.counts[k]!;
  });
  return value;
}

const meetings = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -30, max: 300 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 }))), { maxLength: 40 });
const WINDOW: TimeWindow = { start: 0, end: 240 * MINUTE };

describe('report/concurrency', () => {
  it('equals a brute-force count at every start and end, including zero-length meetings, equal starts and meetings over the edges', () => {
    fc.assert(fc.property(meetings, (list) => {
      const table = tableOf(list);
      const steps = concurrencySteps(table, WINDOW);
      const instants = new Set([WINDOW.start, ...list.flatMap(([, start, length]) => [start * MINUTE, (start + length) * MINUTE])]);
      for (const t of instants) {
        if (t >= WINDOW.start && t < WINDOW.end) assert.equal(stepAt(steps, t), bruteCount(table, WINDOW, t), `at minute ${t / MINUTE}`);
      }
      let brutePeak = 0;
      for (const t of instants) brutePeak = Math.max(brutePeak, bruteCount(table, WINDOW, t));
      assert.equal(peakOf(steps).count, brutePeak);
    }), { numRuns: 300 });
  });

  it('gives the same steps whatever order the records come in: oldest first, newest first or mixed', () => {
    fc.assert(fc.property(meetings, (list) => {
      const oldestFirst = [...list].sort((a, b) => a[1] - b[1]);
      const expected = concurrencySteps(tableOf(list), WINDOW);
      for (const order of [oldestFirst, [...oldestFirst].reverse()]) {
        const steps = concurrencySteps(tableOf(order), WINDOW);
        assert.deepEqual([Array.from(steps.times), Array.from(steps.counts), steps.clipped], [Array.from(expected.times), Array.from(expected.counts), expected.clipped]);
      }
    }), { numRuns: 300 });
  });

  it('keeps the steps in order, starting at the window, with no two in a row alike', () => {
    fc.assert(fc.property(meetings, (list) => {
      const steps = concurrencySteps(tableOf(list), WINDOW);
      assert.equal(steps.times[0], WINDOW.start);
      for (let k = 1; k < steps.times.length; k++) {
        assert.ok(steps.times[k]! > steps.times[k - 1]!);
        assert.notEqual(steps.counts[k], steps.counts[k - 1]);
        assert.ok(steps.times[k]! < WINDOW.end);
      }
    }), { numRuns: 200 });
  });

  it('counts a room with overlapping meetings once, and back-to-back meetings as one busy span', () => {
    const steps = concurrencySteps(tableOf([[0, 10, 30], [0, 20, 30], [0, 50, 10], [1, 60, 5]]), WINDOW);
    // Room 0 is busy 10–60 (three meetings), room 1 60–65: one room all along, handed over at 60.
    assert.deepEqual(Array.from(steps.times), [0, 10 * MINUTE, 65 * MINUTE]);
    assert.deepEqual(Array.from(steps.counts), [0, 1, 0]);
    assert.equal(peakOf(steps).count, 1);
    assert.equal(peakOf(steps).at, 10 * MINUTE);
  });

  it('lets a meeting that ends as another begins not overlap it', () => {
    const steps = concurrencySteps(tableOf([[0, 10, 20], [1, 30, 20]]), WINDOW);
    assert.deepEqual(Array.from(steps.counts), [0, 1, 0]);
    assert.deepEqual(Array.from(steps.times), [0, 10 * MINUTE, 50 * MINUTE]);
  });

  it('names the first instant of the peak, and counts meetings cut at the edges', () => {
    const steps = concurrencySteps(tableOf([[0, -10, 30], [1, 5, 10], [2, 100, 10], [3, 105, 10], [4, 230, 60]]), WINDOW);
    assert.deepEqual(peakOf(steps), { count: 2, at: 5 * MINUTE });
    assert.equal(steps.clipped, 2);
    assert.equal(steps.counts[0], 1, 'busy from the window start');
  });

  it('counts a meeting as cut only when it crosses an edge, not when it meets one', () => {
    assert.equal(concurrencySteps(tableOf([[0, 0, 240]]), WINDOW).clipped, 0, 'exactly the window');
    assert.equal(concurrencySteps(tableOf([[0, -1, 241]]), WINDOW).clipped, 1, 'from before it');
    assert.equal(concurrencySteps(tableOf([[0, 0, 241]]), WINDOW).clipped, 1, 'past its end');
    assert.equal(concurrencySteps(tableOf([[0, -10, 10], [1, 240, 10]]), WINDOW).clipped, 0, 'wholly outside, at its edges');
  });

  it('gives a peak of 0 at the window start without meetings', () => {
    const steps = concurrencySteps(tableOf([[0, 300, 10]]), WINDOW);
    assert.deepEqual(peakOf(steps), { count: 0, at: 0 });
    assert.deepEqual(Array.from(steps.counts), [0]);
  });

  it('adds up the time at or above a count', () => {
    const steps = concurrencySteps(tableOf([[0, 0, 60], [1, 30, 60], [2, 45, 5]]), WINDOW);
    assert.equal(timeAtLeast(steps, 1), 90 * MINUTE);
    assert.equal(timeAtLeast(steps, 2), 30 * MINUTE);
    assert.equal(timeAtLeast(steps, 3), 5 * MINUTE);
    assert.equal(timeAtLeast(steps, 4), 0);
  });

  it('splits the steps into parts whose peaks and times add up to the whole', () => {
    fc.assert(fc.property(meetings, fc.uniqueArray(fc.integer({ min: 1, max: 239 }), { maxLength: 5 }), (list, cutMinutes) => {
      const steps = concurrencySteps(tableOf(list), WINDOW);
      const cuts = cutMinutes.sort((a, b) => a - b).map((m) => m * MINUTE);
      const parts = partsOf(steps, [WINDOW.start, ...cuts, WINDOW.end], [1, 2]);
      assert.equal(parts.length, cuts.length + 1);
      assert.equal(Math.max(...parts.map((part) => part.peak)), peakOf(steps).count);
      assert.equal(parts.reduce((sum, part) => sum + part.atLeast[0]!, 0), timeAtLeast(steps, 1));
      assert.equal(parts.reduce((sum, part) => sum + part.atLeast[1]!, 0), timeAtLeast(steps, 2));
      const bounds = [WINDOW.start, ...cuts, WINDOW.end];
      parts.forEach((part, i) => {
        assert.ok(part.at >= bounds[i]! && part.at < bounds[i + 1]!);
        assert.equal(stepAt(steps, part.at), part.peak);
      });
    }), { numRuns: 200 });
  });

  it('gives the same figures for a stretch of the window cut out on its own', () => {
    fc.assert(fc.property(meetings, fc.uniqueArray(fc.integer({ min: 1, max: 239 }), { minLength: 2, maxLength: 6 }), (list, minutes) => {
      const steps = concurrencySteps(tableOf(list), WINDOW);
      const bounds = minutes.sort((a, b) => a - b).map((m) => m * MINUTE);
      const whole = partsOf(steps, [WINDOW.start, ...bounds, WINDOW.end], [1, 2]).slice(1, -1);
      assert.deepEqual(partsOf(steps, bounds, [1, 2]), whole);
    }), { numRuns: 200 });
    assert.deepEqual(partsOf(concurrencySteps(tableOf([]), WINDOW), [5], [1]), []);
  });
});
