/**
 * The report's meetings as files: CSV that Excel opens with Korean intact, JSON for programs, and
 * the names to save them under. The rows are the table's as shown (filtered and sorted).
 *
 * Pure ECMAScript + Intl: used by the extension (Node) and bundled into the webview (browser).
 */
import { DAY_MS, dayText, pad } from '../shared/calendarDate';
import { type DateRange, type MeetingTable } from '../shared/reportTypes';
import type { ConcurrencySteps } from './concurrency';
import { zoneOffsetMs } from './timeZone';

/** A length as `h:mm:ss`, hours not wrapped at 24: 42936 → `11:55:36`, 90061 → `25:01:01`. */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `${hours}:${pad(minutes)}:${pad(total % 60)}`;
}

/**
 * An instant as `YYYY-MM-DD HH:mm:ss` (24-hour) on the wall clock of an IANA zone ('UTC' included),
 * milliseconds cut off. Each day's text is made once, the time of day by arithmetic: an export of
 * 100,000 meetings makes no Date per meeting.
 */
export function formatInstant(ms: number, timeZone: string): string {
  const wall = Math.floor(ms / 1000) * 1000 + zoneOffsetMs(ms, timeZone);
  const day = Math.floor(wall / DAY_MS);
  const date = dayText(day);
  const second = (wall - day * DAY_MS) / 1000;
  return `${date} ${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
}

/** A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a quote, comma, CR or LF. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` as a formula (and some do so after
 * a leading tab or CR), so a room named `=HYPERLINK(...)` could do harm when the file is opened.
 * Such a name is written with a leading `'`, which spreadsheets read as "this is text".
 * Only room names need it: every other cell is a number, a date or a duration this module writes.
 */
function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The rows of `table`, in the order given, as CSV: a UTF-8 byte-order mark first (without it Excel
 * reads UTF-8 as the system's code page and garbles Korean), CRLF after every line including the
 * last (RFC 4180), and one header line.
 */
export function toCsv(table: MeetingTable, rows: readonly number[], timeZone: string): string {
  // The header stays English in every display language, on purpose (and so do the JSON keys in
  // toJson): an exported file is data that scripts and spreadsheets read by column name, so it must
  // not change with the VS Code display language of whoever exported it. Not wrapped in l10n.t.
  // A report across licenses starts each row with the license's label (the user's, so also a text cell).
  const license = licenseOf(table);
  const lines: string[] = [[...(license ? ['License'] : []), 'Room', `Started (${timeZone})`, 'Duration (s)', 'Duration'].map(csvField).join(',')];
  for (const i of rows) {
    const seconds = table.seconds[i]!;
    lines.push(
      [
        ...(license ? [csvField(textCell(license(i)))] : []),
        csvField(textCell(table.roomNames[table.room[i]!]!)),
        formatInstant(table.startedAt[i]!, timeZone),
        String(seconds),
        formatDuration(seconds),
      ].join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The license label of each meeting, in a report across licenses. */
function licenseOf(table: MeetingTable): ((row: number) => string) | undefined {
  const { licenseNames, roomLicense } = table;
  return licenseNames && roomLicense ? (row) => licenseNames[roomLicense[table.room[row]!]!]! : undefined;
}

/**
 * Concurrent rooms as CSV, one row per change: from `Start` until the next row's (the last: until
 * `End`), `Rooms` were busy. Times on the wall clock of the zone, and as ISO instants in UTC.
 */
export function toConcurrencyCsv(steps: ConcurrencySteps, timeZone: string): string {
  const lines = [[`Start (${timeZone})`, `End (${timeZone})`, 'Start (UTC)', 'Rooms', 'Seconds'].map(csvField).join(',')];
  steps.times.forEach((start, k) => {
    const end = steps.times[k + 1] ?? steps.window.end;
    lines.push([formatInstant(start, timeZone), formatInstant(end, timeZone), new Date(start).toISOString(), String(steps.counts[k]), String(Math.round((end - start) / 1000))].join(','));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The rows of `table`, in the order given, as pretty-printed JSON (2 spaces, ending in a newline),
 * with what was asked for: `{ domain, range, timeZone, room?, licenses?, filter, exportedAt, meetings }`.
 * Across licenses, each meeting names its license, and `licenses` says which failed.
 */
export function toJson(
  table: MeetingTable,
  rows: readonly number[],
  meta: { range: DateRange; timeZone: string; room?: string; filter: string; exportedAt: number; domain: string; licenses?: readonly { readonly label: string; readonly error?: string }[]; figures?: unknown },
): string {
  const license = licenseOf(table);
  const meetings = rows.map((i) => ({
    ...(license && { license: license(i) }),
    roomName: table.roomNames[table.room[i]!]!,
    startedAt: new Date(table.startedAt[i]!).toISOString(),
    startedLocal: formatInstant(table.startedAt[i]!, meta.timeZone),
    seconds: table.seconds[i]!,
  }));
  const document = {
    domain: meta.domain,
    range: { start: meta.range.start, end: meta.range.end },
    timeZone: meta.timeZone,
    // Stryker disable next-line ConditionalExpression: equivalent, JSON leaves out a room that is undefined
    ...(meta.room !== undefined ? { room: meta.room } : {}),
    ...(meta.licenses && { licenses: meta.licenses.map(({ label, error }) => ({ label, ...(error !== undefined && { failed: error }) })) }),
    filter: meta.filter,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    // The report's figures (totals, capacity, heatmap, the period before, the month), as the page shows them.
    ...(meta.figures !== undefined && { figures: meta.figures }),
    meetings,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const SLUG_LENGTH = 40;

/**
 * A room name fit for a file name: letters, marks and digits of any script (Korean included) are
 * kept, every run of anything else (/ ? # % < > spaces, emoji …) becomes one `-`, no `-` at
 * either end, at most 40 characters. A name with nothing to keep becomes `room`.
 */
function slug(name: string): string {
  const kept = name.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-|-$/g, ''); // runs are single dashes by now
  const short = Array.from(kept).slice(0, SLUG_LENGTH).join('').replace(/-$/, '');
  return short === '' ? 'room' : short;
}

/**
 * `s-connector-usage_2021-02-20_2021-02-25.csv`; for one room `s-connector-usage_<room>_2021-02-20_2021-02-25.csv`;
 * the concurrency `s-connector-concurrency_2021-02-20_2021-02-25.csv`.
 */
export function exportFileName(range: DateRange, format: 'csv' | 'json' | 'concurrency', room?: string): string {
  const parts = [format === 'concurrency' ? 's-connector-concurrency' : 's-connector-usage', ...(room !== undefined ? [slug(room)] : []), range.start, range.end];
  return `${parts.join('_')}.${format === 'json' ? 'json' : 'csv'}`;
}
