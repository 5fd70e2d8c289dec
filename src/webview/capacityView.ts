/**
 * The report's capacity section: the peak of concurrent rooms against the limit, the time near and
 * at the limit, the step chart (once the meetings are here: it is drawn from them), the per-day
 * peaks, and what the figures can and cannot say.
 */
import * as l10n from '@vscode/l10n';
import type { ConcurrencySteps } from '../report/concurrency';
import { formatInstant } from '../report/exportFile';
import type { Capacity } from '../shared/reportTypes';
import { append, h, lazyDetails } from './dom';
import { durationText } from './format';
import { tile } from './tile';

/** Time at or above a level, and on how many days: `3 h 20 min on 4 days`. */
function timeOnDays(ms: number, days: number): string {
  if (ms <= 0) return l10n.t('never');
  return days === 1 ? l10n.t('{0} on 1 day', durationText(ms)) : l10n.t('{0} on {1} days', durationText(ms), days.toLocaleString());
}

/** The capacity tiles; `peakChange`, when the period before is known, goes under the peak. */
export function capacityTiles(capacity: Capacity, timeZone: string, peakChange?: Node): HTMLElement {
  const { limit } = capacity;
  const known = limit !== undefined && limit.roomLimit > 0;
  const peakValue = known ? l10n.t('{0} of {1}', capacity.peak.toLocaleString(), limit.roomLimit.toLocaleString()) : capacity.peak.toLocaleString();
  const when = capacity.peak > 0 ? l10n.t('first at {0}', formatInstant(capacity.peakAt, timeZone)) : l10n.t('no meetings in the range');
  const peakDetail = h('span', {}, when, peakChange && ' · ', peakChange);
  return h('div', { class: 'summary', role: 'group', 'aria-label': l10n.t('Capacity') },
    tile('capacity-peak', l10n.t('Peak concurrent rooms'), peakValue, peakDetail),
    known
      ? tile('capacity-warning', l10n.t('Near the limit (≥ {0} rooms)', (capacity.warningRooms ?? 0).toLocaleString()), timeOnDays(capacity.atWarningMs ?? 0, capacity.atWarningDays ?? 0), l10n.t('warning threshold {0} %', limit.warningPercent))
      : tile('capacity-warning', l10n.t('Room limit'), l10n.t('unknown'), l10n.t('The license has not been read yet: sign in, or refresh the sidebar.')),
    known && tile('capacity-limit', l10n.t('At the limit ({0} rooms)', limit.roomLimit.toLocaleString()), timeOnDays(capacity.atLimitMs ?? 0, capacity.atLimitDays ?? 0)));
}

/** Each day's peak, when it came, and its time near and at the limit: the chart's figures as a table. */
export function perDayPeaks(capacity: Capacity, timeZone: string): HTMLElement {
  return lazyDetails(l10n.t('Peak per day'), () => {
    const body = h('tbody');
    const known = capacity.limit !== undefined && capacity.limit.roomLimit > 0;
    for (const day of capacity.perDay) {
      append(body, h('tr', {},
        h('td', {}, day.day),
        h('td', { class: 'num' }, day.peak.toLocaleString()),
        h('td', {}, day.peak > 0 ? formatInstant(day.at, timeZone).slice(11, 16) : '–'),
        known && h('td', { class: 'num' }, day.atWarningMs > 0 ? durationText(day.atWarningMs) : '–'),
        known && h('td', { class: 'num' }, day.atLimitMs > 0 ? durationText(day.atLimitMs) : '–')));
    }
    return h('table', { class: 'grid compact', id: 'peak-per-day' }, h('thead', {}, h('tr', {},
      h('th', {}, l10n.t('Day')), h('th', { class: 'num' }, l10n.t('Peak')), h('th', {}, l10n.t('First at')),
      known && h('th', { class: 'num' }, l10n.t('Near the limit')), known && h('th', { class: 'num' }, l10n.t('At the limit')))), body);
  });
}

/** What the concurrency is rebuilt from, and what it cannot see. */
export function capacityNotes(capacity: Capacity, steps: ConcurrencySteps | undefined): HTMLElement {
  const clipped = steps?.clipped ?? capacity.clipped;
  return h('div', { class: 'notes' },
    h('p', { class: 'note', id: 'capacity-method' }, l10n.t('Rebuilt from the usage records: each meeting is a room busy from its start for its length. The records hold meetings, not reservations, and a meeting still running is not in them yet.')),
    h('p', { class: 'note', id: 'capacity-clipped' }, clipped === 0
      ? l10n.t('Only time inside the range counts; no meeting crossed its edges.')
      : clipped === 1
        ? l10n.t('Only time inside the range counts: 1 meeting that began before it or ran past its end counts only in part.')
        : l10n.t('Only time inside the range counts: {0} meetings that began before it or ran past its end count only in part.', clipped.toLocaleString())));
}
