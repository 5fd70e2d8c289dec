/**
 * Usage records as the report's table, and the totals the report shows: per day (in the report's
 * time zone), per room, and a summary. Built for 100,000 meetings: one pass over flat arrays,
 * the zone's offset looked up per 15-minute slot rather than formatted per meeting.
 *
 * Pure ECMAScript + Intl: used by the extension (Node) and bundled into the webview (browser).
 */
import { dayText, isCalendarDate } from '../shared/calendarDate';
import { MeetingTableBuilder } from '../shared/meetingTable';
import { compareRoomNames } from '../shared/roomNames';
import { eachDay } from './dateRange';
import { dayNumberIn } from './timeZone';
import { capacityOf } from './capacity';
import { weekHourSeconds } from './heatmap';
import { type Aggregates, type CapacityLimit, type DateRange, type DayUsage, type MeetingTable, type RoomUsage } from '../shared/reportTypes';

/**
 * The records as columns, in the order given. With `room`, only that room's records (exact name).
 * A record whose start cannot be read or whose length is not a non-negative number is left out
 * (the API client already drops those, so this is only a guard for other callers).
 */
export function toMeetingTable(
  records: readonly { readonly roomName: string; readonly seconds: number; readonly createdAt: string }[],
  room?: string,
): MeetingTable {
  const builder = new MeetingTableBuilder();
  for (const record of records) {
    if (room !== undefined && record.roomName !== room) continue;
    const started = Date.parse(record.createdAt);
    if (Number.isNaN(started) || !(record.seconds >= 0) || !Number.isFinite(record.seconds)) continue;
    builder.add(record.roomName, started, record.seconds);
  }
  return builder.build();
}

/**
 * Several licenses' tables as one: the rooms of each license listed apart (a name two licenses
 * share is two rooms), each with its license, and every license named, those without meetings too.
 */
export function mergeTables(parts: readonly { readonly label: string; readonly table: MeetingTable }[]): MeetingTable {
  const roomNames: string[] = [];
  const roomLicense: number[] = [];
  const rooms: number[] = [];
  const startedAt: number[] = [];
  const seconds: number[] = [];
  parts.forEach(({ table }, license) => {
    const offset = roomNames.length;
    for (const name of table.roomNames) {
      roomNames.push(name);
      roomLicense.push(license);
    }
    for (let i = 0; i < table.room.length; i++) {
      rooms.push(table.room[i]! + offset);
      startedAt.push(table.startedAt[i]!);
      seconds.push(table.seconds[i]!);
    }
  });
  return { roomNames, room: rooms, startedAt, seconds, licenseNames: parts.map((part) => part.label), roomLicense };
}

interface DayTotals {
  seconds: number;
  meetings: number;
  /** Seconds per license, in a report across licenses. */
  byLicense?: Float64Array;
}

/**
 * Summary, per-day and per-room totals of every meeting of `table`, days counted in `timeZone`; the
 * concurrent rooms against `limit` (when known), and the weekday × hour heatmap.
 */
export function aggregate(table: MeetingTable, range: DateRange, timeZone: string, limit?: CapacityLimit): Aggregates {
  const { room, startedAt, seconds, licenseNames, roomLicense } = table;
  const licenses = licenseNames && roomLicense ? licenseNames.length : 0;
  const count = room.length;
  const roomCount = table.roomNames.length;
  const roomSeconds = new Float64Array(roomCount);
  const roomMeetings = new Uint32Array(roomCount);
  const roomLongest = new Float64Array(roomCount);
  // Days counted from 1970-01-01 in the report's zone.
  const days = new Map<number, DayTotals>();

  let totalSeconds = 0;
  let longest = -1;
  let lastDayNumber = Number.NaN;
  let lastDay: DayTotals | undefined;
  for (let i = 0; i < count; i++) {
    const r = room[i]!;
    const s = seconds[i]!;
    const t = startedAt[i]!;
    totalSeconds += s;
    roomSeconds[r] = roomSeconds[r]! + s;
    roomMeetings[r] = roomMeetings[r]! + 1;
    if (s > roomLongest[r]!) roomLongest[r] = s;
    if (longest < 0 || s > seconds[longest]!) longest = i;

    const dayNumber = dayNumberIn(t, timeZone);
    if (dayNumber !== lastDayNumber || !lastDay) {
      // Records often come grouped by day: then this look-up is skipped.
      lastDay = days.get(dayNumber);
      if (!lastDay) {
        lastDay = { seconds: 0, meetings: 0, ...(licenses > 0 && { byLicense: new Float64Array(licenses) }) };
        days.set(dayNumber, lastDay);
      }
      lastDayNumber = dayNumber;
    }
    lastDay.seconds += s;
    lastDay.meetings++;
    if (lastDay.byLicense) {
      const license = roomLicense![r]!;
      lastDay.byLicense[license] = lastDay.byLicense[license]! + s;
    }
  }

  const usageByDay = new Map<string, DayTotals>();
  for (const [dayNumber, usage] of days) usageByDay.set(dayText(dayNumber), usage);
  const span = isCalendarDate(range.start) && isCalendarDate(range.end) ? eachDay(range.start, range.end) : [];
  const allDays = new Set(span);
  for (const day of usageByDay.keys()) allDays.add(day);
  const perDay: DayUsage[] = [...allDays]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((day) => {
      const usage = usageByDay.get(day);
      return { day, seconds: usage?.seconds ?? 0, meetings: usage?.meetings ?? 0 };
    });

  let busiestDay: { day: string; seconds: number } | undefined;
  for (const { day, seconds: daySeconds, meetings } of perDay) {
    if (meetings > 0 && (!busiestDay || daySeconds > busiestDay.seconds)) busiestDay = { day, seconds: daySeconds };
  }

  const perLicense = (licenseNames ?? []).slice(0, licenses).map((license) => ({ license, seconds: 0, meetings: 0, rooms: 0 }));
  const perRoom: RoomUsage[] = [];
  for (let r = 0; r < roomCount; r++) {
    if (roomMeetings[r]! > 0) {
      const figures = licenses > 0 ? perLicense[roomLicense![r]!] : undefined;
      if (figures) {
        figures.seconds += roomSeconds[r]!;
        figures.meetings += roomMeetings[r]!;
        figures.rooms++;
      }
      perRoom.push({ roomName: table.roomNames[r]!, ...(figures && { license: figures.license }), seconds: roomSeconds[r]!, meetings: roomMeetings[r]!, longestSeconds: roomLongest[r]! });
    }
  }
  perRoom.sort((a, b) => b.seconds - a.seconds || compareRoomNames(a.roomName, b.roomName) || compareRoomNames(a.license ?? '', b.license ?? ''));

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
    capacity: capacityOf(table, range, timeZone, limit),
    weekHours: Array.from(weekHourSeconds(table, timeZone)),
    ...(licenses > 0 && {
      perLicense,
      perDayByLicense: perLicense.map((_, license) => perDay.map(({ day }) => usageByDay.get(day)?.byLicense?.[license] ?? 0)),
    }),
  };
}

/** Whether the server's total differs from the sum of the meetings it listed (the report then says so). */
export function totalsDiffer(serverTotalSeconds: number, table: MeetingTable): boolean {
  let sum = 0;
  for (const s of table.seconds) sum += s;
  // The report shows whole seconds: a difference under half a second (rounding of fractional
  // lengths) would be a note about nothing visible.
  return !(Math.abs(serverTotalSeconds - sum) < 0.5);
}
