/**
 * Meeting time by weekday and hour in the report's zone, as a table whose cells are shaded by
 * their share of the busiest hour (colours set through the CSSOM, which the page's CSP allows).
 * Every cell says its figure to a screen reader and on hover.
 */
import * as l10n from '@vscode/l10n';
import { h, pageLanguage } from './dom';
import { hoursAndMinutes } from './format';

/** Monday … Sunday, short, in the page's language. */
function weekdayNames(): string[] {
  const format = new Intl.DateTimeFormat(pageLanguage(), { weekday: 'short', timeZone: 'UTC' });
  // 2021-02-22 was a Monday.
  return Array.from({ length: 7 }, (_, day) => format.format(Date.UTC(2021, 1, 22 + day)));
}

export function heatmap(weekHours: readonly number[], timeZone: string): HTMLElement {
  const names = weekdayNames();
  const max = Math.max(0, ...weekHours);
  const head = h('tr', {}, h('th', { scope: 'col' }, ''), ...Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col', class: 'hour' }, String(hour))));
  const rows = names.map((name, day) => h('tr', {}, h('th', { scope: 'row' }, name), ...Array.from({ length: 24 }, (_, hour) => {
    const seconds = weekHours[day * 24 + hour] ?? 0;
    const label = l10n.t('{0} {1}:00–{2}:00: {3}', name, String(hour).padStart(2, '0'), String(hour + 1).padStart(2, '0'), seconds > 0 ? hoursAndMinutes(seconds) : l10n.t('no meetings'));
    const cell = h('td', { class: 'cell', title: label, 'aria-label': label, 'data-seconds': String(Math.round(seconds)) });
    if (seconds > 0 && max > 0) cell.style.background = `color-mix(in srgb, var(--vscode-charts-blue) ${Math.max(8, Math.round((seconds / max) * 100))}%, transparent)`;
    return cell;
  })));
  return h('figure', { class: 'card' },
    h('figcaption', {}, l10n.t('When meetings happen (weekday × hour, {0})', timeZone)),
    h('div', { class: 'scroll-x' }, h('table', { class: 'heatmap', id: 'heatmap' }, h('thead', {}, head), h('tbody', {}, ...rows))),
    h('p', { class: 'chart-readout' }, l10n.t('Darker is more meeting time. A meeting over several hours counts in each, for its minutes in it.')));
}
