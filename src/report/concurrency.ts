/**
 * Concurrent rooms rebuilt from usage records. A record is a meeting: it starts at `startedAt` and
 * lasts `seconds`, so a room is busy over [start, start + length), half-open: a meeting that ends
 * as another begins does not overlap it, and a meeting of no length is busy at no instant. A room
 * with two overlapping meetings is one busy room. Only the time inside the window counts: a meeting
 * that began before it, or runs past its end, is cut at its edges.
 *
 * O(n log n): each room's meetings are merged into the spans it was busy, then one sweep over the
 * sorted span starts and ends. Pure ECMAScript + Intl: used by the extension host and the page alike.
 */
import type { Column, MeetingTable } from '../shared/reportTypes';

/** The instants [start, end) to count in, epoch milliseconds. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Concurrent rooms as a step function: from `times[k]` until `times[k + 1]` (the window's end for
 * the last), `counts[k]` rooms were busy. `times[0]` is the window's start; no two steps in a row
 * have the same count.
 */
export interface ConcurrencySteps {
  readonly times: Float64Array;
  readonly counts: Uint32Array;
  readonly window: TimeWindow;
  /** Meetings that began before the window or ran past its end, and were cut at its edges. */
  readonly clipped: number;
}

/**
 * The spans each room was busy inside the window, merged per room: starts and ends, each sorted.
 * Meetings are taken in order of start, all rooms at once, so that the spans come out nearly in
 * order too, and sorting them costs a fraction of sorting them room by room.
 */
function busySpans(table: MeetingTable, window: TimeWindow): { starts: Float64Array; ends: Float64Array; clipped: number } {
  const { room, startedAt, seconds } = table;
  const count = room.length;
  const roomCount = table.roomNames.length;
  // Each room's span so far (NaN: none yet; every comparison with NaN is false).
  const spanStart = new Float64Array(roomCount).fill(Number.NaN);
  const spanEnd = new Float64Array(roomCount).fill(Number.NaN);
  // At most one span per meeting; typed arrays, filled and then sorted (numerically, and several
  // times faster than arrays of numbers).
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let spans = 0;
  let clipped = 0;
  const order = startOrder(startedAt);
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    const begin = startedAt[i]!;
    const finish = begin + seconds[i]! * 1000;
    if (finish <= window.start || begin >= window.end || finish <= begin) continue;
    if (begin < window.start || finish > window.end) clipped++;
    const s = begin < window.start ? window.start : begin;
    const e = finish > window.end ? window.end : finish;
    const r = room[i]!;
    if (s <= spanEnd[r]!) {
      // Overlaps (or touches) the room's span so far: the room stays busy.
      if (e > spanEnd[r]!) spanEnd[r] = e;
      continue;
    }
    if (spanEnd[r]! > spanStart[r]!) {
      starts[spans] = spanStart[r]!;
      ends[spans++] = spanEnd[r]!;
    }
    spanStart[r] = s;
    spanEnd[r] = e;
  }
  for (let r = 0; r < roomCount; r++) {
    if (spanEnd[r]! > spanStart[r]!) {
      starts[spans] = spanStart[r]!;
      ends[spans++] = spanEnd[r]!;
    }
  }
  return { starts: starts.subarray(0, spans).sort(), ends: ends.subarray(0, spans).sort(), clipped };
}

/** The meetings' indices in order of start. Records usually come in time order, oldest or newest first: a reversal is O(n), a sort is not. */
function startOrder(startedAt: Column): Uint32Array {
  const order = new Uint32Array(startedAt.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Stryker disable all: two fast paths; without them the sort below gives the same order
  if (isSortedBy(order, startedAt)) return order;
  order.reverse();
  if (isSortedBy(order, startedAt)) return order;
  // Stryker restore all
  return order.sort((a, b) => startedAt[a]! - startedAt[b]!);
}

function isSortedBy(indices: Uint32Array, values: Column): boolean {
  for (let k = 1; k < indices.length; k++) if (values[indices[k]!]! < values[indices[k - 1]!]!) return false;
  return true;
}

/** Concurrent rooms inside `window`, as steps (see ConcurrencySteps). */
export function concurrencySteps(table: MeetingTable, window: TimeWindow): ConcurrencySteps {
  const { starts, ends, clipped } = busySpans(table, window);
  // At most one step per start and per end, and the window's start.
  const times = new Float64Array(starts.length + ends.length + 1);
  const counts = new Uint32Array(times.length);
  times[0] = window.start;
  let last = 0;
  let busy = 0;
  let s = 0;
  let e = 0;
  while (e < ends.length) {
    // Ends first at a tie: a room that stops as another starts leaves the count as it was.
    const at = s < starts.length && starts[s]! < ends[e]! ? starts[s]! : ends[e]!;
    if (at >= window.end) break; // only rooms still busy at the end are left: the last step runs to it
    while (e < ends.length && ends[e] === at) {
      busy--;
      e++;
    }
    while (s < starts.length && starts[s] === at) {
      busy++;
      s++;
    }
    if (busy === counts[last]) continue;
    // Every event time is new but the first, which may be the window's start itself.
    if (times[last] !== at) times[++last] = at;
    counts[last] = busy;
  }
  return { times: times.slice(0, last + 1), counts: counts.slice(0, last + 1), window, clipped };
}

/** The highest count and the first instant it was reached; count 0 at the window's start when nothing ran. */
export function peakOf(steps: ConcurrencySteps): { count: number; at: number } {
  let best = 0;
  for (let k = 1; k < steps.counts.length; k++) if (steps.counts[k]! > steps.counts[best]!) best = k;
  return { count: steps.counts[best]!, at: steps.times[best]! };
}

/** How long the count was at least `level`, in milliseconds. */
export function timeAtLeast(steps: ConcurrencySteps, level: number): number {
  let total = 0;
  steps.counts.forEach((count, k) => {
    if (count >= level) total += (steps.times[k + 1] ?? steps.window.end) - steps.times[k]!;
  });
  return total;
}

/**
 * The steps between consecutive `bounds` (ascending, inside the window): for each part
 * [bounds[i], bounds[i + 1]), its peak and the first instant of it (its start when nothing ran),
 * and how long it was at least each of `levels`. Used per day: the bounds are the days' starts.
 */
export function partsOf(steps: ConcurrencySteps, bounds: readonly number[], levels: readonly number[]): { peak: number; at: number; atLeast: number[] }[] {
  const parts = bounds.slice(0, -1).map((start) => ({ peak: 0, at: start, atLeast: levels.map(() => 0) }));
  if (parts.length === 0) return parts;
  // The step in force at the first bound: the last one that starts at or before it.
  let k = 0;
  let high = steps.times.length - 1;
  while (k < high) {
    const mid = (k + high + 1) >>> 1;
    if (steps.times[mid]! <= bounds[0]!) k = mid;
    else high = mid - 1;
  }
  let part = 0;
  const last = bounds[bounds.length - 1]!;
  for (; k < steps.counts.length; k++) {
    const count = steps.counts[k]!;
    let from = Math.max(steps.times[k]!, bounds[0]!);
    const to = Math.min(steps.times[k + 1] ?? steps.window.end, last);
    while (from < to) {
      while (bounds[part + 1]! <= from) part++;
      const until = Math.min(to, bounds[part + 1]!);
      const figures = parts[part]!;
      if (count > figures.peak) {
        figures.peak = count;
        figures.at = from;
      }
      for (let l = 0; l < levels.length; l++) if (count >= levels[l]!) figures.atLeast[l] = figures.atLeast[l]! + until - from;
      from = until;
    }
    if (to >= last) break;
  }
  return parts;
}
