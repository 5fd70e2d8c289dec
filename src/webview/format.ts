/** Figures as the report page shows them. No DOM here: unit-tested in Node. */
import * as l10n from '@vscode/l10n';
import { figureChange } from '../report/comparison';
import type { DayUsage } from '../shared/reportTypes';

export function hoursAndMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return seconds > 0 && minutes === 0 ? l10n.t('{0} s', Math.round(seconds)) : l10n.t('{0} min', minutes);
  return rest ? l10n.t('{0} h {1} min', hours.toLocaleString(), rest) : l10n.t('{0} h', hours.toLocaleString());
}

/**
 * The line under the per-day chart: the day pointed at with its figures, or how to get them.
 * Across licenses, each license's time that day follows (`byLicense`: label and seconds).
 */
export function dayReadout(day: DayUsage | undefined, byLicense: readonly { readonly label: string; readonly seconds: number }[] = []): string {
  if (!day) return l10n.t('Point at a day to see its usage.');
  if (day.meetings === 0) return l10n.t('{0}: no meetings', day.day);
  const total = day.meetings === 1
    ? l10n.t('{0}: {1} in 1 meeting', day.day, hoursAndMinutes(day.seconds))
    : l10n.t('{0}: {1} in {2} meetings', day.day, hoursAndMinutes(day.seconds), day.meetings.toLocaleString());
  const parts = byLicense.filter((license) => license.seconds > 0).map((license) => `${license.label} ${hoursAndMinutes(license.seconds)}`);
  return parts.length > 0 ? `${total} (${parts.join(', ')})` : total;
}

/** A length of time in milliseconds as hours and minutes: `3 h 20 min`. */
export function durationText(ms: number): string {
  return hoursAndMinutes(ms / 1000);
}

export interface Change {
  /** 'up', 'down', 'same', or 'new' when there was nothing before. */
  readonly direction: 'up' | 'down' | 'same' | 'new';
  /** `▲ 12 %`, `▼ 3 %`, `= 0 %`, or `new`. */
  readonly text: string;
}

/** How a figure changed from the period before, as an arrow and a whole percentage. */
export function changeOf(now: number, before: number): Change {
  const change = figureChange(now, before);
  if (change.kind === 'new') return { direction: 'new', text: l10n.t('new') };
  if (change.kind === 'none') return { direction: 'same', text: '=' };
  const { percent } = change;
  if (percent === 0) return { direction: 'same', text: '= 0 %' };
  return percent > 0 ? { direction: 'up', text: `▲ ${percent.toLocaleString()} %` } : { direction: 'down', text: `▼ ${(-percent).toLocaleString()} %` };
}
