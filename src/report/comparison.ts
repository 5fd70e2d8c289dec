/**
 * The report against the period of the same length just before it: the range to ask for, and the
 * change of each figure. Pure ECMAScript: used by the extension host and the page alike.
 */
import type { DateRange, RoomUsage } from '../shared/reportTypes';
import { addDays, daysBetween } from './dateRange';

/** The days just before `range`, as many as it has: 2021-02-20..2021-02-25 → 2021-02-14..2021-02-19. */
export function previousRange(range: DateRange): DateRange {
  const length = daysBetween(range.start, range.end);
  return { start: addDays(range.start, -length), end: addDays(range.start, -1) };
}

/** How a figure moved since the period before: by a whole %, `new` (nothing before), or `none` (nothing either time). */
export type FigureChange = { readonly kind: 'new' } | { readonly kind: 'none' } | { readonly kind: 'percent'; readonly percent: number };

/** The change of a figure from `before` to `now`, as the page and the Markdown summary both show it. */
export function figureChange(now: number, before: number): FigureChange {
  if (!(before > 0)) return now > 0 ? { kind: 'new' } : { kind: 'none' };
  return { kind: 'percent', percent: Math.round(((now - before) / before) * 100) };
}

/** Rooms (of one license, across licenses) as a key: a name two licenses share is two rooms. */
export function roomKey(room: Pick<RoomUsage, 'roomName' | 'license'>): string {
  return room.license === undefined ? room.roomName : `${room.license}\u0000${room.roomName}`;
}

export interface RoomChange {
  /** Seconds in the period before, per room key; a room of this period missing here is new. */
  readonly before: ReadonlyMap<string, number>;
  /** Rooms used before but not in this period, busiest first. */
  readonly gone: readonly RoomUsage[];
}

/** Which rooms are new, which are gone, and each room's time before. */
export function roomChange(now: readonly RoomUsage[], before: readonly RoomUsage[]): RoomChange {
  const current = new Set(now.map(roomKey));
  return {
    before: new Map(before.map((room) => [roomKey(room), room.seconds])),
    gone: before.filter((room) => !current.has(roomKey(room))),
  };
}
