/**
 * The report's capacity figures: concurrent rooms over the range against the room limit, the peak
 * of the range and of each day, and how long the license was near or at its limit. Days are the
 * report's range on the wall clock of its zone; meetings are cut at the range's edges.
 * Pure ECMAScript + Intl: used by the extension host and the page alike.
 */
import { dayNumberOf, dayText, isCalendarDate } from '../shared/calendarDate';
import type { Capacity, CapacityLimit, DateRange, DayCapacity, MeetingTable } from '../shared/reportTypes';
import { concurrencySteps, partsOf, peakOf, type ConcurrencySteps, type TimeWindow } from './concurrency';
import { dayNumberIn, dayStartIn } from './timeZone';

/** The range's days on the wall clock of `timeZone`: from its first day's start to the start of the day after its last. */
export function rangeWindow(range: DateRange, timeZone: string): TimeWindow {
  return { start: dayStartIn(dayNumberOf(range.start), timeZone), end: dayStartIn(dayNumberOf(range.end) + 1, timeZone) };
}

/** The count at which a license is near its limit: the same rule as the status bar's warning. */
export function warningCount(limit: CapacityLimit): number {
  return Math.max(1, Math.ceil((limit.roomLimit * limit.warningPercent) / 100));
}

/** Concurrent rooms of `table` over `range` in `timeZone`, as steps (for the chart and the CSV). */
export function rangeSteps(table: MeetingTable, range: DateRange, timeZone: string): ConcurrencySteps {
  return concurrencySteps(table, rangeWindow(range, timeZone));
}

/** The capacity figures of `table` over `range`, in `timeZone`, against `limit` when it is known. */
export function capacityOf(table: MeetingTable, range: DateRange, timeZone: string, limit: CapacityLimit | undefined): Capacity {
  if (!isCalendarDate(range.start) || !isCalendarDate(range.end)) return { peak: 0, peakAt: 0, perDay: [], clipped: 0 };
  const steps = rangeSteps(table, range, timeZone);
  const first = dayNumberOf(range.start);
  const last = dayNumberOf(range.end);
  const levels = limit && limit.roomLimit > 0 ? [warningCount(limit), limit.roomLimit] : [];
  const peak = peakOf(steps);
  // Only the days from the first busy one to the last are cut out of the steps: a five-year range
  // with a few months of meetings looks up a few months of midnights, not five years of them.
  const busy = busyDays(steps, timeZone, first, last);
  const bounds = busy ? Array.from({ length: busy.last - busy.first + 2 }, (_, i) => dayStartIn(busy.first + i, timeZone)) : [];
  const parts = partsOf(steps, bounds, levels);
  const perDay: DayCapacity[] = [];
  for (let day = first; day <= last; day++) {
    const part = busy && day >= busy.first && day <= busy.last ? parts[day - busy.first] : undefined;
    perDay.push(part
      ? { day: dayText(day), peak: part.peak, at: part.at, atWarningMs: part.atLeast[0] ?? 0, atLimitMs: part.atLeast[1] ?? 0 }
      : { day: dayText(day), peak: 0, at: 0, atWarningMs: 0, atLimitMs: 0 });
  }
  const total = (key: 'atWarningMs' | 'atLimitMs') => perDay.reduce((sum, day) => sum + day[key], 0);
  const daysWith = (key: 'atWarningMs' | 'atLimitMs') => perDay.filter((day) => day[key] > 0).length;
  return {
    peak: peak.count,
    peakAt: peak.at,
    perDay,
    clipped: steps.clipped,
    ...(limit && { limit }),
    ...(levels.length > 0 && {
      warningRooms: levels[0]!,
      atWarningMs: total('atWarningMs'),
      atWarningDays: daysWith('atWarningMs'),
      atLimitMs: total('atLimitMs'),
      atLimitDays: daysWith('atLimitMs'),
    }),
  };
}

/** The first and last day (of `first`..`last`) on which any room was busy; undefined when none was. */
function busyDays(steps: ConcurrencySteps, timeZone: string, first: number, last: number): { first: number; last: number } | undefined {
  const { times, counts, window } = steps;
  let from = -1;
  let to = -1;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] === 0) continue;
    if (from < 0) from = times[k]!;
    to = times[k + 1] ?? window.end;
  }
  if (from < 0) return undefined;
  return { first: Math.max(first, dayNumberIn(from, timeZone)), last: Math.min(last, dayNumberIn(to - 1, timeZone)) };
}
