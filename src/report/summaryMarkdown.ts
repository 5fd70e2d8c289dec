/**
 * The report's figures as a short Markdown table, to paste into an issue or a chat. English on
 * purpose, like the exports' headers: it is a record others read, whatever the display language of
 * whoever copied it. Room and license names are the server's and the user's: every character
 * Markdown could read as markup is escaped, so a name cannot become a link, an image or a table cell.
 * Pure ECMAScript: unit-tested in Node.
 */
import type { ReportSummary } from '../shared/protocol';
import { figureChange } from './comparison';
import { formatDuration, formatInstant } from './exportFile';

/** Text safe in a Markdown table cell: markup characters escaped, line breaks and pipes made harmless. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, '\\$&').replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function hours(seconds: number): string {
  return `${(seconds / 3600).toLocaleString('en-US', { maximumFractionDigits: 1 })} h`;
}

function change(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const moved = figureChange(now, before);
  if (moved.kind !== 'percent') return moved.kind === 'new' ? 'new' : '';
  const { percent } = moved;
  return percent === 0 ? '= 0 %' : `${percent > 0 ? '▲' : '▼'} ${Math.abs(percent)} %`;
}

export function summaryMarkdown(report: ReportSummary): string {
  const { aggregates, previous, month, range, timeZone } = report;
  const { summary, capacity } = aggregates;
  const before = previous?.summary;
  const subject = [report.domain && markdownText(report.domain), report.room !== undefined && `room ${markdownText(report.room)}`].filter(Boolean).join(', ');
  const rows: [string, string, string][] = [
    ['Total time', hours(summary.totalSeconds), change(summary.totalSeconds, before?.totalSeconds)],
    ['Meetings', summary.meetings.toLocaleString('en-US'), change(summary.meetings, before?.meetings)],
    ['Rooms', summary.rooms.toLocaleString('en-US'), change(summary.rooms, before?.rooms)],
    ['Average meeting', formatDuration(summary.averageSeconds), change(summary.averageSeconds, before?.averageSeconds)],
    [
      'Peak concurrent rooms',
      `${capacity.peak}${capacity.limit && capacity.limit.roomLimit > 0 ? ` of ${capacity.limit.roomLimit}` : ''}${capacity.peak > 0 ? ` (${formatInstant(capacity.peakAt, timeZone)})` : ''}`,
      change(capacity.peak, previous?.peak),
    ],
  ];
  if (capacity.atLimitMs !== undefined) {
    rows.push([`Near the limit (≥ ${capacity.warningRooms ?? 0})`, `${hours((capacity.atWarningMs ?? 0) / 1000)} on ${capacity.atWarningDays ?? 0} days`, '']);
    rows.push(['At the limit', `${hours(capacity.atLimitMs / 1000)} on ${capacity.atLimitDays ?? 0} days`, '']);
  }
  if (month) {
    rows.push([`This month (${month.month}) so far`, hours(month.soFarSeconds), change(month.soFarSeconds, month.lastMonth.toSameDaySeconds)]);
    rows.push(['Forecast for the month', `about ${hours(month.forecastSeconds)}`, '']);
    rows.push([`Last month (${month.lastMonth.month})`, hours(month.lastMonth.totalSeconds), '']);
  }
  const compared = previous ? ` Change against ${previous.range.start} to ${previous.range.end}.` : '';
  return [
    `**S-Connector usage, ${range.start} to ${range.end}**${subject ? ` (${subject})` : ''}, times in ${timeZone}.${compared}`,
    '',
    '| Figure | Value | Change |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}
