/**
 * Usage records as the report's table, and the totals the report shows: per day (in the report's
 * time zone), per room, and a summary. Built for 100,000 meetings: one pass over flat arrays,
 * the zone's offset looked up per 15-minute slot rather than formatted per meeting.
 *
 * Pure ECMAScript + Intl: used by the extension (Node) and bundled into the webview (browser).
 */
import { dayText, isCalendarDate } from '../shared/calendarDate';
import { columnSum, MeetingTableBuilder } from '../shared/meetingTable';
import { compareRoomNames } from '../shared/roomNames';
import { eachDay } from './dateRange';
import { dayNumberIn } from './timeZone';
import { capacityOf } from './capacity';
import { addWeekHours, HOURS_PER_WEEK } from './heatmap';
import { type Aggregates, type CapacityLimit, type Column, type DateRange, type DayUsage, type MeetingTable, type RoomUsage, type TotalsSoFar, type UsageSummary } from '../shared/reportTypes';

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
  return new TotalsCounter(timeZone).totals(table, range, limit);
}

/**
 * The report's totals (see aggregate), counted as a table grows: the report's worker counts each
 * batch of records as soon as it is read, so that once the answer's last byte has come only the
 * capacity figures (a sweep over the meetings in order of start) are left to count.
 */
export class TotalsCounter {
  /** The table counted so far (its room column tells it from another) and how many of its rows. */
  private rooms: Column | undefined;
  private counted = 0;
  private licenses = 0;
  private roomSeconds = new Float64Array(0);
  private roomMeetings = new Uint32Array(0);
  private roomLongest = new Float64Array(0);
  /** Days counted from 1970-01-01 in the zone. */
  private days = new Map<number, DayTotals>();
  private weekHours = new Float64Array(HOURS_PER_WEEK);
  private totalSeconds = 0;
  /** The row of the longest meeting so far; -1 before any. */
  private longest = -1;
  private lastDayNumber = Number.NaN;
  private lastDay: DayTotals | undefined;

  constructor(private readonly timeZone: string) {}

  /** Counts the rows of `table` not counted yet. Another table than the one counted so far is counted from its start. */
  countTo(table: MeetingTable): void {
    if (table.room !== this.rooms) this.startOver(table);
    const { room, startedAt, seconds, roomLicense } = table;
    const from = this.counted;
    const count = room.length;
    this.fitRooms(table.roomNames.length);
    const { roomSeconds, roomMeetings, roomLongest, days, timeZone, licenses } = this;
    // The running figures in locals for the loop, kept again after it.
    let { totalSeconds, longest, lastDayNumber, lastDay } = this;
    for (let i = from; i < count; i++) {
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
    this.totalSeconds = totalSeconds;
    this.longest = longest;
    this.lastDayNumber = lastDayNumber;
    this.lastDay = lastDay;
    addWeekHours(this.weekHours, table, from, count, timeZone);
    this.counted = count;
  }

  /**
   * The summary and the per-day figures of every row of `table` (those not counted yet are counted
   * first) over `range`: what a report shows of an answer still arriving (see TotalsSoFar).
   */
  soFar(table: MeetingTable, range: DateRange): TotalsSoFar {
    this.countTo(table);
    let rooms = 0;
    for (let r = 0; r < table.roomNames.length; r++) if (this.roomMeetings[r]! > 0) rooms++;
    const { summary, perDay } = this.dayFigures(table, range, rooms);
    return { summary, perDay };
  }

  /** The totals of every row of `table` (those not counted yet are counted first) over `range`, against `limit`. */
  totals(table: MeetingTable, range: DateRange, limit?: CapacityLimit): Aggregates {
    this.countTo(table);
    const { licenseNames, roomLicense } = table;
    const { licenses, roomSeconds, roomMeetings, roomLongest } = this;
    const perLicense = (licenseNames ?? []).slice(0, licenses).map((license) => ({ license, seconds: 0, meetings: 0, rooms: 0 }));
    const perRoom: RoomUsage[] = [];
    for (let r = 0; r < table.roomNames.length; r++) {
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
    const { summary, perDay, usageByDay } = this.dayFigures(table, range, perRoom.length);

    return {
      summary,
      perDay,
      perRoom,
      capacity: capacityOf(table, range, this.timeZone, limit),
      weekHours: Array.from(this.weekHours),
      ...(licenses > 0 && {
        perLicense,
        perDayByLicense: perLicense.map((_, license) => perDay.map(({ day }) => usageByDay.get(day)?.byLicense?.[license] ?? 0)),
      }),
    };
  }

  /** The rows counted so far: the summary (`rooms` of them had meetings), and every day of `range` and any other a meeting fell on. */
  private dayFigures(table: MeetingTable, range: DateRange, rooms: number): { summary: UsageSummary; perDay: DayUsage[]; usageByDay: Map<string, DayTotals> } {
    const { room, startedAt, seconds } = table;
    const { totalSeconds, longest } = this;
    const count = this.counted;
    const usageByDay = new Map<string, DayTotals>();
    for (const [dayNumber, usage] of this.days) usageByDay.set(dayText(dayNumber), usage);
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

    return {
      summary: {
        totalSeconds,
        meetings: count,
        rooms,
        averageSeconds: count > 0 ? totalSeconds / count : 0,
        ...(longest >= 0
          ? { longest: { roomName: table.roomNames[room[longest]!]!, seconds: seconds[longest]!, startedAt: startedAt[longest]! } }
          : {}),
        ...(busiestDay ? { busiestDay } : {}),
      },
      perDay,
      usageByDay,
    };
  }

  private startOver(table: MeetingTable): void {
    this.rooms = table.room;
    this.counted = 0;
    this.licenses = table.licenseNames && table.roomLicense ? table.licenseNames.length : 0;
    this.roomSeconds = new Float64Array(0);
    this.roomMeetings = new Uint32Array(0);
    this.roomLongest = new Float64Array(0);
    this.days = new Map();
    this.weekHours = new Float64Array(HOURS_PER_WEEK);
    this.totalSeconds = 0;
    this.longest = -1;
    this.lastDayNumber = Number.NaN;
    this.lastDay = undefined;
  }

  /** Room figures for `roomCount` rooms: grown (doubled at least, to copy seldom) when new rooms came. */
  private fitRooms(roomCount: number): void {
    if (roomCount <= this.roomSeconds.length) return;
    const size = Math.max(roomCount, this.roomSeconds.length * 2);
    const grown = <T extends Float64Array | Uint32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.roomSeconds = grown(this.roomSeconds, new Float64Array(size));
    this.roomMeetings = grown(this.roomMeetings, new Uint32Array(size));
    this.roomLongest = grown(this.roomLongest, new Float64Array(size));
  }
}

/** Whether the server's total differs from the sum of the meetings it listed (the report then says so). */
export function totalsDiffer(serverTotalSeconds: number, table: MeetingTable): boolean {
  const sum = columnSum(table.seconds);
  // The report shows whole seconds: a difference under half a second (rounding of fractional
  // lengths) would be a note about nothing visible.
  return !(Math.abs(serverTotalSeconds - sum) < 0.5);
}
