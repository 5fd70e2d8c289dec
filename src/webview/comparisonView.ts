/**
 * The report against the period just before it (an arrow and a % for each figure, new and gone
 * rooms), and this month so far with its forecast.
 */
import * as l10n from '@vscode/l10n';
import { previousRange, type RoomChange } from '../report/comparison';
import { daysBetween } from '../report/dateRange';
import type { PreviousPeriod, ReportSummary } from '../shared/protocol';
import type { MonthForecast, RoomUsage } from '../shared/reportTypes';
import { neutralise } from '../shared/serverText';
import { append, h } from './dom';
import { changeOf, hoursAndMinutes } from './format';
import { tile } from './tile';

/** `▲ 12 %` against the period before, coloured by direction; nothing while that is not known. */
export function changeBadge(now: number, previous: PreviousPeriod | undefined, pick: (period: PreviousPeriod) => number): HTMLElement | undefined {
  if (!previous) return undefined;
  const before = pick(previous);
  const change = changeOf(now, before);
  const title = l10n.t('Before: {0}', Number.isInteger(before) ? before.toLocaleString() : hoursAndMinutes(before));
  return h('span', { class: `change ${change.direction}`, title }, change.text);
}

/** Which period the arrows compare with, or why there are none. */
export function comparisonNote(report: ReportSummary): HTMLElement | false {
  if (report.previous) {
    const { range } = report.previous;
    const days = daysBetween(range.start, range.end);
    return h('p', { class: 'note', id: 'comparison' }, days === 1
      ? l10n.t('Arrows compare with the day before: {0}.', range.start)
      : l10n.t('Arrows compare with the {0} days before: {1} to {2}.', days.toLocaleString(), range.start, range.end));
  }
  if (report.previousError !== undefined) {
    return h('p', { class: 'note warning', id: 'comparison' }, l10n.t('No comparison with the period before: {0}', neutralise(report.previousError)));
  }
  try {
    const range = previousRange(report.range);
    return h('p', { class: 'note', id: 'comparison' }, l10n.t('Loading {0} to {1} to compare with…', range.start, range.end));
  } catch {
    return false;
  }
}

/** A room's change in time against the period before: `▲ 12 %`, or `new`. */
export function roomChangeCell(room: RoomUsage, change: RoomChange | undefined, key: string): HTMLElement {
  if (!change) return h('td', { class: 'num' }, '');
  const before = change.before.get(key);
  const { direction, text } = changeOf(room.seconds, before ?? 0);
  return h('td', { class: `num change ${direction}`, ...(before !== undefined && { title: l10n.t('Before: {0}', hoursAndMinutes(before)) }) }, text);
}

/** Rooms used in the period before and not in this one. */
export function goneRooms(change: RoomChange | undefined): HTMLElement | false {
  if (!change || change.gone.length === 0) return false;
  const body = h('tbody');
  for (const room of change.gone) {
    append(body, h('tr', {}, room.license !== undefined && h('td', { dir: 'auto' }, neutralise(room.license)), h('td', { dir: 'auto' }, neutralise(room.roomName)), h('td', { class: 'num' }, room.meetings.toLocaleString()), h('td', { class: 'num' }, hoursAndMinutes(room.seconds))));
  }
  return h('details', { class: 'card', id: 'gone-rooms' },
    h('summary', {}, l10n.t('Rooms used before but not in this range ({0})', change.gone.length.toLocaleString())),
    h('div', { class: 'scroll' }, h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, change.gone[0]?.license !== undefined && h('th', {}, l10n.t('License')), h('th', {}, l10n.t('Room')), h('th', { class: 'num' }, l10n.t('Meetings before')), h('th', { class: 'num' }, l10n.t('Time before')))), body)));
}

/** This month so far, the forecast, and last month beside it. */
export function monthCard(month: MonthForecast | undefined): HTMLElement | false {
  if (!month) return false;
  const pace = changeOf(month.soFarSeconds, month.lastMonth.toSameDaySeconds);
  return h('section', { class: 'card', id: 'month' },
    h('h2', {}, l10n.t('This month ({0})', month.month)),
    h('div', { class: 'summary', role: 'group', 'aria-label': l10n.t('This month') },
      tile('month-so-far', l10n.t('So far'), hoursAndMinutes(month.soFarSeconds), h('span', { class: `change ${pace.direction}` }, l10n.t('{0} against last month by the same day', pace.text))),
      tile('month-forecast', l10n.t('By month end, at this pace'), l10n.t('about {0}', hoursAndMinutes(month.forecastSeconds))),
      tile('month-last', l10n.t('Last month ({0})', month.lastMonth.month), hoursAndMinutes(month.lastMonth.totalSeconds), l10n.t('{0} by the same day', hoursAndMinutes(month.lastMonth.toSameDaySeconds)))),
    h('p', { class: 'chart-readout' }, l10n.t('The forecast adds the rest of the month day by day, each at the average of the same weekday over the last four weeks. Days are counted in the extension\'s own time zone.')));
}
