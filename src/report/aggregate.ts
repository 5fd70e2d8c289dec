/**
 * Usage records as the report's table, and the totals the report shows: per day (in the report's
 * time zone), per room, and a summary. Built for 100,000 meetings: one pass over flat arrays,
 * day keys looked up per 15-minute slot rather than formatted per meeting.
 *
 * Pure ECMAScript + Intl: used by the extension (Node) and bundled into the webview (browser).
 */
import { isCalendarDate } from '../api/calendarDate';
import { eachDay, utcDay, zoneOffsetMs } from './dateRange';
import { Aggregates, DateRange, DayUsage, MeetingTable, RoomUsage } from './types';

const SLOT_MS = 15 * 60_000;
const MAX_CACHED_SLOTS = 400_000;
const dayKeyCaches = new Map<string, Map<number, string>>();
const names = new Intl.Collator(undefined, { numeric: true });

/**
 * The records as columns, in the order given. With `room`, only that room's records (exact name).
 * A record whose start cannot be read or whose length is not a non-negative number is left out
 * (the API client already drops those, so this is only a guard for other callers).
 */
export function toMeetingTable(
  records: readonly { readonly roomName: string; readonly seconds: number; readonly createdAt: string }[],
  room?: string,
): MeetingTable {
  const roomNames: string[] = [];
  const indexOf = new Map<string, number>();
  const rooms: number[] = [];
  const startedAt: number[] = [];
  const seconds: number[] = [];
  for (const record of records) {
    if (room !== undefined && record.roomName !== room) continue;
    const started = Date.parse(record.createdAt);
    if (Number.isNaN(started) || !(record.seconds >= 0) || !Number.isFinite(record.seconds)) continue;
    let index = indexOf.get(record.roomName);
    if (index === undefined) {
      index = roomNames.length;
      roomNames.push(record.roomName);
      indexOf.set(record.roomName, index);
    }
    rooms.push(index);
    startedAt.push(started);
    seconds.push(record.seconds);
  }
  return { roomNames, room: rooms, startedAt, seconds };
}

/**
 * The calendar day `YYYY-MM-DD` of the instant `ms` in an IANA zone ('UTC' included). A day
 * begins on a quarter hour in every zone (offsets are multiples of 15 minutes), so the key is
 * worked out once per zone and 15-minute slot. Throws RangeError for an unknown zone.
 */
export function dayKey(ms: number, timeZone: string): string {
  let cache = dayKeyCaches.get(timeZone);
  if (!cache) {
    zoneOffsetMs(ms, timeZone); // an unknown zone throws here, before anything is cached
    cache = new Map();
    dayKeyCaches.set(timeZone, cache);
  }
  const slot = Math.floor(ms / SLOT_MS);
  let key = cache.get(slot);
  if (key === undefined) {
    if (cache.size >= MAX_CACHED_SLOTS) cache.clear();
    const slotStart = slot * SLOT_MS;
    key = utcDay(slotStart + zoneOffsetMs(slotStart, timeZone));
    cache.set(slot, key);
  }
  return key;
}

/** Summary, per-day and per-room totals of every meeting of `table`, days counted in `timeZone`. */
export function aggregate(table: MeetingTable, range: DateRange, timeZone: string): Aggregates {
  const { room, startedAt, seconds } = table;
  const count = room.length;
  const roomCount = table.roomNames.length;
  const roomSeconds = new Float64Array(roomCount);
  const roomMeetings = new Uint32Array(roomCount);
  const roomLongest = new Float64Array(roomCount);
  const days = new Map<string, { seconds: number; meetings: number }>();

  let totalSeconds = 0;
  let longest = -1;
  let lastSlot = Number.NaN;
  let lastDay: { seconds: number; meetings: number } | undefined;
  for (let i = 0; i < count; i++) {
    const r = room[i]!;
    const s = seconds[i]!;
    const t = startedAt[i]!;
    totalSeconds += s;
    roomSeconds[r]! += s;
    roomMeetings[r]!++;
    if (s > roomLongest[r]!) roomLongest[r] = s;
    if (longest < 0 || s > seconds[longest]!) longest = i;

    // Meetings of one slot share a day; consecutive meetings often share a slot.
    const slot = Math.floor(t / SLOT_MS);
    if (slot !== lastSlot || !lastDay) {
      const key = dayKey(t, timeZone);
      lastDay = days.get(key);
      if (!lastDay) {
        lastDay = { seconds: 0, meetings: 0 };
        days.set(key, lastDay);
      }
      lastSlot = slot;
    }
    lastDay.seconds += s;
    lastDay.meetings++;
  }

  const span = isCalendarDate(range.start) && isCalendarDate(range.end) ? eachDay(range.start, range.end) : [];
  const allDays = new Set(span);
  for (const day of days.keys()) allDays.add(day);
  const perDay: DayUsage[] = [...allDays]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((day) => {
      const usage = days.get(day);
      return { day, seconds: usage?.seconds ?? 0, meetings: usage?.meetings ?? 0 };
    });

  let busiestDay: { day: string; seconds: number } | undefined;
  for (const { day, seconds: daySeconds, meetings } of perDay) {
    if (meetings > 0 && (!busiestDay || daySeconds > busiestDay.seconds)) busiestDay = { day, seconds: daySeconds };
  }

  const perRoom: RoomUsage[] = [];
  for (let r = 0; r < roomCount; r++) {
    if (roomMeetings[r]! > 0) {
      perRoom.push({ roomName: table.roomNames[r]!, seconds: roomSeconds[r]!, meetings: roomMeetings[r]!, longestSeconds: roomLongest[r]! });
    }
  }
  perRoom.sort((a, b) => b.seconds - a.seconds || names.compare(a.roomName, b.roomName));

  return {
    summary: {
      totalSeconds,
      meetings: count,
      rooms: perRoom.length,
      averageSeconds: count > 0 ? totalSeconds / count : 0,
      ...(longest >= 0
        ? { longest: { roomName: table.roomNames[room[longest]!]!, seconds: seconds[longest]!, startedAt: startedAt[longest]! } }
        : {}),
      ...(busiestDay ? { busiestDay } : {}),
    },
    perDay,
    perRoom,
  };
}

/** Whether the server's total differs from the sum of the meetings it listed (the report then says so). */
export function totalsDiffer(serverTotalSeconds: number, table: MeetingTable): boolean {
  let sum = 0;
  for (const s of table.seconds) sum += s;
  // Fractional seconds could add up with rounding noise; a real difference is at least a second's part.
  return Math.abs(serverTotalSeconds - sum) > 1e-6 * Math.max(1, Math.abs(sum));
}
