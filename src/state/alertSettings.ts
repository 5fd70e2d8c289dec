/**
 * The usage alert settings (`sconnector.alerts.*`) as the extension reads them: each part bounded,
 * anything unusable off. Kept apart from the alerts themselves (state/usageAlerts.ts), which are
 * loaded only once an alert is set or a month figure is shown.
 */
import { isRecord } from '../shared/isRecord';

export interface AlertSettings {
  /** The monthly budget in hours; undefined: off. */
  readonly monthlyHours?: number;
  /** The steps of the budget that notify, in %, ascending. */
  readonly monthlySteps: readonly number[];
  /** Live rooms at or above `rooms` for at least `minutes`; undefined: off. */
  readonly liveRooms?: { readonly rooms: number; readonly minutes: number };
}

export const DEFAULT_STEPS: readonly number[] = [50, 80, 100];

/** The alert settings as the user wrote them, each part bounded; anything unusable is off. */
export function readAlertSettings(monthlyHours: unknown, steps: unknown, liveRooms: unknown): AlertSettings {
  const positive = (value: unknown, max: number): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, max) : undefined);
  const hours = positive(monthlyHours, 1_000_000);
  const stepList = Array.isArray(steps) ? [...new Set(steps.map((step) => positive(step, 1000)).filter((step): step is number => step !== undefined))].sort((a, b) => a - b).slice(0, 20) : [];
  const rooms = isRecord(liveRooms) ? positive(liveRooms.rooms, 100_000) : undefined;
  const minutes = isRecord(liveRooms) ? (liveRooms.minutes === undefined ? 0 : typeof liveRooms.minutes === 'number' && liveRooms.minutes >= 0 ? Math.min(liveRooms.minutes, 1440) : undefined) : undefined;
  return {
    ...(hours !== undefined && { monthlyHours: hours }),
    monthlySteps: stepList.length > 0 ? stepList : DEFAULT_STEPS,
    ...(rooms !== undefined && minutes !== undefined && { liveRooms: { rooms: Math.ceil(rooms), minutes } }),
  };
}

