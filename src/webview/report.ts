/**
 * The usage report page, inside a VS Code webview. It draws what the extension sends, as soon as
 * it arrives: a `report` (totals and charts) first, then its `table` (the meetings). A change of
 * time zone is counted here, from the meetings the page holds, with no round trip. It sends back
 * what the user asks for (another range, export) and makes no request of its own.
 */
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { aggregate } from '../report/aggregate';
import { rangeSteps } from '../report/capacity';
import { roomChange, roomKey, type RoomChange } from '../report/comparison';
import type { ConcurrencySteps } from '../report/concurrency';
import { addDays, describeRange, eachDay } from '../report/dateRange';
import { zoneChoices } from '../report/zoneNames';
import { formatDuration, formatInstant } from '../report/exportFile';
import { DEFAULT_QUERY, selectRows } from '../report/tableView';
import type { Aggregates, DateRange, MeetingTable, SortKey, TableQuery, UsageSummary } from '../shared/reportTypes';
import { L10N_BUNDLE_ELEMENT_ID, parseBundleText } from '../shared/pageL10n';
import { neutralise } from '../shared/serverText';
import { epochNow, type FiguresSoFar, fromWire, MAX_FILTER_LENGTH, type HostMessage, type PageMessage, type PanelState, type PreviousPeriod, type ReportSummary } from '../shared/protocol';
import { capacityNotes, capacityTiles, perDayPeaks } from './capacityView';
import { changeBadge, comparisonNote, goneRooms, monthCard, roomChangeCell } from './comparisonView';
import { ConcurrencyChart } from './concurrencyChart';
import { DayChart, PALETTE } from './dayChart';
import { heatmap } from './heatmapView';
import { tile } from './tile';
import { append, el, h, lazyDetails, replaceChildren, themeColor } from './dom';
import { hoursAndMinutes } from './format';
import { clampPage, lastPage, PAGE_SIZE, pageText, sortedBy } from './tablePaging';

// First, before anything is rendered: the translations the extension put into the page (see
// pageHtml in src/views/reportHtml.ts), for VS Code's display language. None of the modules
// imported above calls l10n.t while it loads, so nothing has been translated before this.
l10n.config({ contents: parseBundleText(document.getElementById(L10N_BUNDLE_ELEMENT_ID)?.textContent) });

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const TOP_ROOMS = 10;
const userTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
// Ready before the page is built: the extension's answer takes a round trip, which the rest of this
// script overlaps. What it sends is handled once the script has run (messages are events, and the
// listener below is added before any can be dispatched).
vscode.postMessage({ type: 'ready', timeZone: userTimeZone });

/** The report shown: its summary, and its meetings once they have arrived. */
let report: ReportSummary | undefined;
let reportId = -1;
let table: MeetingTable | undefined;
let query: TableQuery = DEFAULT_QUERY;
let rows: number[] = [];
let page = 0;
/** The zone chosen on the page: an IANA name, or '' for the user's own. */
let chosenZone = initialZone(vscode.getState());

function initialZone(state: unknown): string {
  const saved = state as (PanelState & { utc?: boolean }) | undefined;
  return saved?.timeZone ?? (saved?.utc === true ? 'UTC' : '');
}

// ---- The frame: controls that stay while the content below changes. ----

const startField = el('vscode-textfield', { type: 'date', id: 'start', 'aria-label': l10n.t('First day') }) as HTMLInputElement;
const endField = el('vscode-textfield', { type: 'date', id: 'end', 'aria-label': l10n.t('Last day') }) as HTMLInputElement;
const applyButton = el('vscode-button', { id: 'apply' }, l10n.t('Show'));
// Every zone this browser knows, searchable by typing: the user's own first, then UTC. The page
// opens with the zone chosen only; the 400 others are listed when the picker is first used (each
// is an element of its own, and building them all would hold up the report's first paint).
const zonePicker = el('vscode-single-select', { id: 'zone', combobox: true, filter: 'contains', 'aria-label': l10n.t('Time zone') }) as HTMLElement & { value: string };
let everyZoneListed = false;
listZones([chosenZone].filter(Boolean));
zonePicker.addEventListener('focusin', listEveryZone);
zonePicker.addEventListener('pointerdown', listEveryZone);

/** The picker's options: the user's own zone, and `zones` (a zone of the list's, or one chosen before), the chosen one selected. */
function listZones(zones: readonly string[]): void {
  replaceChildren(zonePicker,
    el('vscode-option', { value: '', selected: chosenZone === '' }, l10n.t('Local ({0})', userTimeZone)),
    ...zones.map((zone) => el('vscode-option', { value: zone, selected: zone === chosenZone }, zone)));
}

function listEveryZone(): void {
  if (everyZoneListed) return;
  everyZoneListed = true;
  listZones(zoneChoices(Intl.supportedValuesOf('timeZone'), [chosenZone]));
}
const csvButton = el('vscode-button', { id: 'export-csv', secondary: true, disabled: true }, l10n.t('Export CSV'));
const jsonButton = el('vscode-button', { id: 'export-json', secondary: true, disabled: true }, l10n.t('Export JSON'));
const concurrencyButton = el('vscode-button', { id: 'export-concurrency', secondary: true, disabled: true, title: l10n.t('The concurrent rooms over the range, as CSV: one row per change') }, l10n.t('Export Concurrency CSV'));
const copyButton = el('vscode-button', { id: 'copy-summary', secondary: true, disabled: true, icon: 'copy', title: l10n.t('Copy the figures as a Markdown table, to paste into an issue or a chat') }, l10n.t('Copy Summary'));
const statusLine = h('p', { id: 'status', role: 'status' });
const content = h('section', { id: 'content', 'aria-live': 'polite' });

const app = document.getElementById('app')!;
replaceChildren(app,
  h('header', {},
    h('h1', {}, l10n.t('S-Connector usage')),
    h('form', { id: 'range-form', class: 'toolbar' },
      h('label', { for: 'start' }, l10n.t('From')), startField,
      h('label', { for: 'end' }, l10n.t('To')), endField,
      applyButton,
      h('span', { class: 'spacer' }),
      zonePicker,
      csvButton, jsonButton, concurrencyButton, copyButton)),
  statusLine,
  content);

const form = document.getElementById('range-form') as HTMLFormElement;
/** Asks for the range in the fields; `event`: the click or Enter that asked, whose time starts the report's timing. */
const submitRange = (event: Event) => {
  event.preventDefault();
  vscode.postMessage({ type: 'setRange', start: startField.value.trim(), end: endField.value.trim(), askedAt: performance.timeOrigin + event.timeStamp });
};
form.addEventListener('submit', submitRange);
applyButton.addEventListener('click', submitRange);
zonePicker.addEventListener('change', () => {
  const picked = zonePicker.value;
  if (picked === chosenZone) return;
  chosenZone = picked;
  saveState();
  vscode.postMessage({ type: 'setTimeZone', timeZone: chosenZone });
  countInZone();
});

/** The zone the user chose to read days and times in. */
function zone(): string {
  return chosenZone || userTimeZone;
}

/** Counts the totals again in the chosen zone, from the meetings the page holds (no round trip). */
function countInZone(): void {
  if (!report || !table || report.timeZone === zone()) return;
  report = { ...report, timeZone: zone(), aggregates: aggregate(table, report.range, zone(), report.limit) };
  showReport(report, true);
  drawTheRest();
}
csvButton.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'csv', query }));
jsonButton.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'json', query }));
concurrencyButton.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'concurrency', query }));
copyButton.addEventListener('click', () => vscode.postMessage({ type: 'copySummary' }));

// ---- Messages from the extension. ----

let messagesFromHost = 0;
/** Work held back while a report's totals wait for their frame to be painted; undefined when none waits. */
let untilPainted: (() => void)[] | undefined;
/** The parts of the report drawn last, below its first screen, once that is painted (see drawn). */
let theRest: (() => void)[] = [];

function afterFirstScreen(work: () => void): void {
  theRest.push(work);
}

/** Draws what the report left for after its first screen, before anything else the page does next. */
function drawTheRest(): void {
  const rest = theRest;
  theRest = [];
  for (const work of rest) work();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data as HostMessage | undefined;
  if (!message || typeof message !== 'object') return;
  document.body.dataset.hostMessages = String(++messagesFromHost); // read by the benchmark
  const arrived = epochNow();
  // While a report's totals wait for their frame, what comes next (its meetings, the same report
  // with the period before added, another report) waits too, in order: drawing it first would hold
  // that frame back.
  if (untilPainted) untilPainted.push(() => receive(message, arrived));
  else receive(message, arrived);
});

/** A message from the extension, drawn; `arrived`: when it came (epoch ms). */
function receive(message: HostMessage, arrived: number): void {
  switch (message.type) {
    case 'choosing':
      showRange(message.range);
      showChoosing(message.range, message.room);
      break;
    case 'loading':
      // Asked now: a window reload brings this range back (the page no longer waits for a choice).
      if ((vscode.getState() as PanelState | undefined)?.choosing) vscode.setState(pageState(message.range, message.room));
      showRange(message.range);
      showLoading(message.range, message.room);
      delete document.body.dataset.drawnSoFar;
      delete document.body.dataset.soFarDrawnAt;
      delete document.body.dataset.soFarArrivedAt;
      delete document.body.dataset.drawnSummary;
      delete document.body.dataset.drawnTable;
      delete document.body.dataset.drawnComplete;
      break;
    case 'report': {
      // The same report again: the period before or the month has been added to it. The range
      // fields keep what the user may be typing into them meanwhile.
      const same = message.id === reportId;
      if (!same) {
        showRange(message.report.range);
        table = undefined;
        adoptZone(message.report.timeZone);
      }
      reportId = message.id;
      showReport(message.report, same);
      if (same) countInZone(); // counted in the host's zone while the user chose another
      drawn('summary', message.id, message.report.range, arrived);
      break;
    }
    case 'progress':
      showProgress(message, arrived);
      break;
    case 'table':
      showTable(message, arrived);
      break;
    case 'error':
      showRange(message.range);
      showError(message.message);
      break;
  }
}

/** The meetings of report `message.id`, drawn (dropped when another report came meanwhile). */
function showTable(message: Extract<HostMessage, { type: 'table' }>, arrived: number): void {
  if (message.id !== reportId || !report) return;
  table = fromWire(message.table);
  if (report.timeZone !== zone()) {
    countInZone(); // the user changed the zone before the meetings came
    drawn('table', message.id, report.range, arrived);
    return;
  }
  showMeetings();
  drawn('table', message.id, report.range, arrived);
  // The table first: the chart's sweep over the meetings (tens of ms at 100,000) waits until the
  // table is on screen; by then another report may have come, whose own drawing draws its chart.
  const chart = concurrencyChart;
  afterPaint(() => {
    if (message.id === reportId && chart === concurrencyChart && table) drawConcurrency();
  });
}

/**
 * Tells the extension when a part of report `id` arrived and was painted (for its timing), and
 * marks it on the page: `data-drawn-summary` and `data-drawn-table` name the range painted, the
 * seam the tests and the benchmark wait on. The frame that holds the new drawing is painted after
 * the next animation frame's callbacks; a task queued there runs once it is on screen, which is
 * when the user sees the report. Then the work held back meanwhile runs.
 */
function drawn(part: 'summary' | 'table', id: number, range: DateRange, receivedAt: number): void {
  if (part === 'summary') untilPainted ??= [];
  afterPaint(() => {
    if (id === reportId) {
      document.body.dataset[part === 'summary' ? 'drawnSummary' : 'drawnTable'] = `${range.start}..${range.end}`;
      // Nothing more comes for this report but its meetings: the seam the benchmark waits on before it acts again.
      if (part === 'summary' && report?.complete === true) document.body.dataset.drawnComplete = `${range.start}..${range.end}`;
      vscode.postMessage({ type: 'rendered', part, id, receivedAt, drawnAt: epochNow() });
    }
    if (part !== 'summary') return;
    drawTheRest();
    const held = untilPainted ?? [];
    untilPainted = undefined;
    for (const work of held) work();
  });
}

/** Runs `work` once what is drawn now is on screen: the frame is painted after the next animation frame's callbacks. */
function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}

/** The report's zone is the one chosen (the host remembers the last choice for a new page): show it so. */
function adoptZone(timeZone: string): void {
  const picked = timeZone === userTimeZone ? '' : timeZone;
  if (picked === chosenZone) return;
  chosenZone = picked;
  if (everyZoneListed) zonePicker.value = picked;
  else listZones([picked].filter(Boolean));
}

function showRange(range: DateRange): void {
  startField.value = range.start;
  endField.value = range.end;
}

function saveState(): void {
  if (report) vscode.setState({ ...pageState(report.range, report.room), ...(report.licenses && { licenses: report.licenses.map((license) => license.id) }) });
}

/** What a window reload brings back of a page showing `range` (and `room`): with the zone chosen on it. */
function pageState(range: DateRange, room: string | undefined): PanelState {
  return { range, ...(room !== undefined && { room }), ...(chosenZone !== '' && { timeZone: chosenZone }) };
}

function setExportEnabled(enabled: boolean): void {
  for (const button of [csvButton, jsonButton, concurrencyButton]) button.toggleAttribute('disabled', !enabled);
}

/**
 * Nothing asked yet: the panel opened while the user picks the range at the top of the window. The
 * hint is not read out (the picker has the focus and reads its own items); the page remembers it
 * was waiting, so that a window reload does not ask for a range nobody chose.
 */
function showChoosing(range: DateRange, room?: string): void {
  app.setAttribute('aria-busy', 'false');
  setExportEnabled(false);
  statusLine.textContent = '';
  disposeCharts();
  vscode.setState({ ...pageState(range, room), choosing: true });
  replaceChildren(content, h('div', { class: 'state', id: 'choosing', 'aria-live': 'off' },
    h('p', {}, room !== undefined
      ? l10n.t('Choose the days to report on for room {0} in the picker at the top of the window.', neutralise(room))
      : l10n.t('Choose the days to report on in the picker at the top of the window.'))));
  rehearseSoFar(range);
}

function showLoading(range: DateRange, room?: string): void {
  app.setAttribute('aria-busy', 'true');
  setExportEnabled(false);
  statusLine.textContent = '';
  loadingRange = range;
  const cancel = el('vscode-button', { id: 'cancel', secondary: true }, l10n.t('Cancel'));
  cancel.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
  disposeCharts();
  replaceChildren(content, h('div', { class: 'state' },
    // Until the answer starts to arrive; then the bar below says how far it has come. A spinner of
    // its own whose picture changes 8 times a second (report.css), not a ring animated at every
    // frame: each frame repainted the workbench around the page, up to half of one of the
    // machine's two cores while a load waited (a Chromium trace: 39 frames in a load, 13–15 with
    // this), which the reading shares. Screen readers are told the words below, not the spinner.
    h('span', { class: 'spinner', id: 'load-spinner', 'aria-hidden': 'true' }),
    h('p', { id: 'loading', role: 'status' }, room !== undefined
      ? l10n.t('Loading usage for {0} in room {1}…', describeRange(range), neutralise(room))
      : l10n.t('Loading usage for {0}…', describeRange(range))),
    // Filled in as the answer arrives; not read out at every step (it changes ten times a second).
    h('progress', { id: 'load-bar', hidden: true, 'aria-label': l10n.t('Answer received') }),
    h('p', { id: 'load-progress' }),
    cancel),
  // The figures of the meetings read so far, drawn while the rest arrives; not read out at each
  // change (a few times a second), while the report drawn in full afterwards is.
  h('div', { id: 'so-far', class: 'so-far', hidden: true, 'aria-live': 'off' }));
}

/** The range being loaded, which the figures so far belong to. */
let loadingRange: DateRange | undefined;
/** The figures so far as drawn, while a load's answer arrives. */
let soFarFrame: SoFarFrame | undefined;
/** Ends the rehearsal under way, if any (see rehearseSoFar). */
let rehearsal: (() => void) | undefined;

/** The page's charts (those of the figures so far and the report's), once the content that held them is replaced: nothing is drawn into them after. */
function disposeCharts(): void {
  rehearsal?.();
  soFarFrame?.chart.dispose();
  soFarFrame = undefined;
  dayChart?.dispose();
  dayChart = undefined;
  concurrencyChart?.dispose();
  concurrencyChart = undefined;
}

/**
 * The totals and the per-day chart of the meetings read so far, marked as such, drawn again as more
 * are read. The first time they are on screen, `data-drawn-so-far` names the range and
 * `data-so-far-drawn-at` says when (epoch ms): the benchmark's first paint; `data-so-far-arrived-at`
 * says when their message came (`arrived`), for the stages of that paint.
 */
function showSoFar(soFar: FiguresSoFar, arrived: number): void {
  const box = document.getElementById('so-far');
  const range = loadingRange;
  if (!box || !range) return; // the load ended meanwhile
  const first = !soFarFrame;
  soFarFrame ??= buildSoFar(box, 'so-far');
  fillSoFar(soFarFrame, soFar);
  if (!first) return;
  afterPaint(() => {
    if (document.getElementById('so-far') !== box) return; // replaced before it was painted
    document.body.dataset.drawnSoFar = `${range.start}..${range.end}`;
    document.body.dataset.soFarArrivedAt = String(arrived);
    document.body.dataset.soFarDrawnAt = String(epochNow());
  });
}

/** Figures so far drawn in a box: where their tiles go, and their per-day chart; element ids begin with `prefix`. */
interface SoFarFrame {
  readonly tiles: HTMLElement;
  readonly chart: DayChart;
  readonly prefix: string;
}

/** The frame of the figures so far in `box`: a note, their tiles, and the per-day chart. */
function buildSoFar(box: HTMLElement, prefix: string): SoFarFrame {
  const chartBox = h('div', { class: 'chart', id: `${prefix}-chart`, role: 'img', 'aria-label': l10n.t('Usage per day so far, in hours') });
  const readout = h('p', { class: 'chart-readout', id: `${prefix}-readout` });
  const tiles = h('div', { id: `${prefix}-tiles` });
  replaceChildren(box,
    h('p', { class: 'note', id: `${prefix}-note` }, l10n.t('So far: the figures of the meetings read until now. The report is drawn in full once every meeting has come.')),
    tiles,
    h('figure', { class: 'card wide' }, h('figcaption', {}, l10n.t('Usage per day so far')), chartBox, readout));
  box.hidden = false;
  return { tiles, chart: new DayChart(chartBox, readout), prefix };
}

/** Draws `soFar` into a frame buildSoFar made: its tiles anew, its chart again. */
function fillSoFar({ tiles, chart, prefix }: SoFarFrame, soFar: FiguresSoFar): void {
  replaceChildren(tiles, summaryTiles(soFar.summary, soFar.timeZone, undefined, prefix, l10n.t('Summary so far')));
  chart.render(soFar.perDay);
}

/**
 * While the user chooses the range, the page draws figures so far once where no one sees them
 * (off screen, hidden from screen readers and from the keyboard), and takes them away once the
 * frame that laid them out is painted (or sooner, when a load replaces the page's content: see
 * disposeCharts, which the choosing page also calls before this). A page's first drawing of them
 * costs several times its next one (their code compiled, uPlot's first canvas, the tiles' first
 * layout): this way that falls in the choosing, which leaves the page idle, and not on the
 * report's first figures.
 */
function rehearseSoFar(range: DateRange): void {
  const box = h('div', { class: 'so-far rehearsal', 'aria-hidden': 'true', inert: '' });
  content.append(box);
  // A month at least, for a chart with several days and ticks, whatever range the picker offers first.
  const perDay = eachDay(range.start < addDays(range.end, -30) ? range.start : addDays(range.end, -30), range.end).map((day, i) => ({ day, seconds: (i % 7) * 3600, meetings: i % 7 }));
  const totalSeconds = perDay.reduce((sum, day) => sum + day.seconds, 0);
  const frame = buildSoFar(box, 'rehearsal');
  fillSoFar(frame, {
    summary: { totalSeconds, meetings: perDay.length, rooms: 1, averageSeconds: totalSeconds / Math.max(1, perDay.length), longest: { roomName: '-', seconds: 3600, startedAt: Date.now() } },
    perDay,
    timeZone: zone(),
  });
  const end = () => {
    if (rehearsal !== end) return;
    rehearsal = undefined;
    frame.chart.dispose();
    box.remove();
  };
  rehearsal = end;
  afterPaint(() => {
    if (rehearsal !== end) return; // ended already: the page went on to a load
    end();
    document.body.dataset.rehearsed = `${range.start}..${range.end}`; // for the tests
  });
}

const megabytes = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const kilobytes = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/**
 * How far the answer has come, in meetings and bytes (of the total, when the server said it): in
 * MB with a tenth, or in whole KB for an answer under a megabyte, both figures in the total's unit.
 */
function showProgress(progress: Extract<HostMessage, { type: 'progress' }>, arrived: number): void {
  const bar = document.getElementById('load-bar') as HTMLProgressElement | null;
  const text = document.getElementById('load-progress');
  if (!bar || !text) return; // the load ended meanwhile
  if (progress.soFar) showSoFar(progress.soFar, arrived);
  // The bar takes over (see showLoading); without a length from the server it is an indeterminate
  // bar, which Chromium animates.
  document.getElementById('load-spinner')?.remove();
  const { records, bytes, totalBytes } = progress;
  const known = totalBytes !== undefined && totalBytes > 0 && bytes <= totalBytes;
  bar.hidden = false;
  if (known) {
    bar.max = totalBytes;
    bar.value = bytes;
  } else bar.removeAttribute('value'); // indeterminate
  const inMegabytes = (known ? totalBytes : bytes) >= 1024 * 1024;
  const size = (count: number) => (inMegabytes ? megabytes.format(count / 1024 / 1024) : kilobytes.format(count / 1024));
  const meetings = records.toLocaleString();
  if (known) {
    text.textContent = inMegabytes
      ? l10n.t('{0} meetings read, {1} of {2} MB', meetings, size(bytes), size(totalBytes))
      : l10n.t('{0} meetings read, {1} of {2} KB', meetings, size(bytes), size(totalBytes));
  } else {
    text.textContent = inMegabytes ? l10n.t('{0} meetings read, {1} MB', meetings, size(bytes)) : l10n.t('{0} meetings read, {1} KB', meetings, size(bytes));
  }
}

function showError(message: string): void {
  disposeCharts();
  app.setAttribute('aria-busy', 'false');
  setExportEnabled(false);
  statusLine.textContent = '';
  const retry = el('vscode-button', { id: 'retry' }, l10n.t('Retry'));
  retry.addEventListener('click', () => vscode.postMessage({ type: 'retry' }));
  replaceChildren(content, h('div', { class: 'state error', role: 'alert' },
    h('h2', {}, l10n.t('The usage report could not be loaded')),
    h('p', { class: 'message' }, message),
    retry));
}

// ---- The report. ----

let dayChart: DayChart | undefined;
let concurrencyChart: ConcurrencyChart | undefined;
/** The rooms' time in the period before, when it is known. */
let rooms: RoomChange | undefined;

function showReport(next: ReportSummary, sameReport = false): void {
  disposeCharts();
  report = next;
  theRest = []; // what a report drawn before left for later is not drawn now
  saveState();
  app.setAttribute('aria-busy', 'false');
  const { aggregates, range, room } = next;
  const asked = room !== undefined
    ? l10n.t('Asked the server for {0}, room {1}.', describeRange(range), neutralise(room))
    : l10n.t('Asked the server for {0}.', describeRange(range));
  statusLine.textContent = `${asked} `
    + l10n.t('Days and times below are in {0}. Fetched {1}.', next.timeZone, formatInstant(next.fetchedAt, next.timeZone));
  if (!sameReport) page = 0;
  copyButton.toggleAttribute('disabled', false);
  if (next.meetings === 0) {
    setExportEnabled(false);
    replaceChildren(content, h('div', { class: 'state empty' },
      h('h2', {}, l10n.t('No meetings in this range')),
      h('p', {}, room !== undefined
        ? l10n.t('The server has no meetings for room {0} between {1} and {2}. Choose other days above.', neutralise(room), range.start, range.end)
        : l10n.t('The server has no meetings between {0} and {1}. Choose other days above.', range.start, range.end)),
      notes(next),
      monthCard(next.month)));
    return;
  }
  rooms = next.previous ? roomChange(aggregates.perRoom, next.previous.perRoom) : undefined;
  const concurrencyBox = h('div', { class: 'chart', id: 'concurrency-chart', role: 'img', 'aria-label': l10n.t('Concurrent rooms over the range') });
  const concurrencyReadout = h('p', { class: 'chart-readout', id: 'concurrency-readout', 'aria-live': 'polite' }, l10n.t('The chart is drawn when the meetings have arrived.'));
  const { capacity } = aggregates;
  const chartBox = h('div', { class: 'chart', id: 'day-chart', role: 'img', 'aria-label': l10n.t('Usage per day, in hours') });
  const readout = h('p', { class: 'chart-readout', id: 'day-readout', 'aria-live': 'polite' });
  const stacked = (aggregates.perDayByLicense ?? []).map((seconds, i) => ({ label: neutralise(aggregates.perLicense?.[i]?.license ?? ''), seconds }));
  replaceChildren(content,
    notes(next),
    summary(aggregates, next),
    monthCard(next.month),
    h('section', { class: 'card', id: 'capacity' },
      h('h2', {}, l10n.t('Capacity')),
      capacityTiles(capacity, next.timeZone, changeBadge(capacity.peak, next.previous, (before) => before.peak)),
      concurrencyBox, concurrencyReadout,
      perDayPeaks(capacity, next.timeZone),
      capacityNotes(capacity, undefined)),
    licensesTable(next),
    h('div', { class: 'charts' },
      h('figure', { class: 'card wide' }, h('figcaption', {}, l10n.t('Usage per day')), chartBox, legend(stacked.map((license) => license.label)), readout, perDayDetails(aggregates)),
      h('figure', { class: 'card' }, h('figcaption', {}, l10n.t('Top rooms by time')), topRooms(aggregates))),
  );
  // Below the first screen: drawn once it is painted.
  afterFirstScreen(() => append(content, heatmap(aggregates.weekHours, next.timeZone), roomsTable(aggregates), goneRooms(rooms), meetingsSection()));
  dayChart = new DayChart(chartBox, readout);
  dayChart.render(aggregates.perDay, stacked);
  concurrencyChart = new ConcurrencyChart(concurrencyBox, concurrencyReadout);
  drawConcurrency();
  showMeetings();
}

/** The step chart of concurrent rooms, from the meetings: drawn once they are here. */
function drawConcurrency(): void {
  if (!report || !table || !concurrencyChart) return;
  const steps = stepsOf(table, report.range, report.timeZone);
  const { capacity } = report.aggregates;
  try {
    concurrencyChart.render(steps, capacity.limit, capacity.warningRooms, report.timeZone);
  } catch (error) {
    // A chart that cannot be drawn must not keep the meetings table from being drawn after it.
    const readout = document.getElementById('concurrency-readout');
    if (readout) readout.textContent = l10n.t('The chart could not be drawn: {0}', String(error));
  }
}

/** The steps last swept, and for what: the same report is drawn again when the period before or the month is added. */
let sweptSteps: { readonly table: MeetingTable; readonly range: DateRange; readonly timeZone: string; readonly steps: ConcurrencySteps } | undefined;

/** The concurrency steps of these meetings, range and zone: swept once (about 25 ms at 100,000 meetings), then kept. */
function stepsOf(meetings: MeetingTable, range: DateRange, timeZone: string): ConcurrencySteps {
  const swept = sweptSteps;
  if (swept && swept.table === meetings && swept.timeZone === timeZone && swept.range.start === range.start && swept.range.end === range.end) return swept.steps;
  const steps = rangeSteps(meetings, range, timeZone);
  sweptSteps = { table: meetings, range, timeZone, steps };
  return steps;
}

/** Which colour is which license, under a chart stacked by license; nothing for one license. */
function legend(labels: readonly string[]): Node | false {
  if (labels.length < 2) return false;
  return h('ul', { class: 'legend', id: 'day-legend' }, ...labels.map((label, i) => {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.background = themeColor(PALETTE[i % PALETTE.length]!, '#3794ff'); // CSSOM, which the page's CSP allows
    return h('li', {}, swatch, h('span', { dir: 'auto' }, label));
  }));
}

/** Across licenses: each license's figures, and which failed (the totals leave it out). */
function licensesTable(payload: ReportSummary): Node | false {
  const { licenses } = payload;
  const figures = payload.aggregates.perLicense;
  if (!licenses || !figures) return false;
  const body = h('tbody');
  licenses.forEach((license, i) => {
    const usage = figures[i];
    const failed = license.error !== undefined;
    append(body, h('tr', { class: failed ? 'failed' : '' },
      h('td', { dir: 'auto' }, neutralise(license.label)),
      h('td', { class: 'num' }, failed ? '–' : (usage?.meetings ?? 0).toLocaleString()),
      h('td', { class: 'num' }, failed ? '–' : (usage?.rooms ?? 0).toLocaleString()),
      h('td', { class: 'num' }, failed ? '–' : hoursAndMinutes(usage?.seconds ?? 0)),
      h('td', {}, failed ? l10n.t('Failed: {0}', neutralise(license.error)) : l10n.t('Included'))));
  });
  return h('section', { class: 'card' }, h('h2', {}, l10n.t('Licenses ({0})', licenses.length.toLocaleString())),
    h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'licenses-table' },
      h('thead', {}, h('tr', {}, h('th', {}, l10n.t('License')), h('th', { class: 'num' }, l10n.t('Meetings')), h('th', { class: 'num' }, l10n.t('Rooms')), h('th', { class: 'num' }, l10n.t('Total time')), h('th', {}, l10n.t('Status')))), body)));
}

function notes(payload: ReportSummary): Node {
  const list = h('div', { class: 'notes' });
  append(list, comparisonNote(payload));
  if (payload.room !== undefined) {
    const all = el('vscode-button', { id: 'all-rooms', secondary: true }, l10n.t('Show all rooms'));
    all.addEventListener('click', () => vscode.postMessage({ type: 'showAllRooms' }));
    append(list, h('p', { class: 'note' }, `${l10n.t('Only room "{0}".', neutralise(payload.room))} `, all));
  }
  if (payload.totalsDiffer) {
    const sum = payload.aggregates.summary.totalSeconds;
    append(list, h('p', { class: 'note warning', id: 'totals-differ' },
      l10n.t("The server's total ({0}, {1} s) differs from the sum of its meetings ({2}, {3} s). The figures below are the sum of the meetings.",
        hoursAndMinutes(payload.serverTotalSeconds), payload.serverTotalSeconds.toLocaleString(), hoursAndMinutes(sum), sum.toLocaleString())));
  }
  const failed = (payload.licenses ?? []).filter((license) => license.error !== undefined);
  if (failed.length > 0) {
    // A license that did not answer is never silently missing from a total: say which, and why.
    const retry = el('vscode-button', { id: 'retry-licenses', secondary: true }, l10n.t('Retry'));
    retry.addEventListener('click', () => vscode.postMessage({ type: 'retry' }));
    append(list, h('div', { class: 'note warning', id: 'licenses-failed', role: 'alert' },
      h('p', {}, failed.length === 1 ? l10n.t('The totals leave out 1 license, which did not answer:') : l10n.t('The totals leave out {0} licenses, which did not answer:', failed.length)),
      h('ul', {}, ...failed.map((license) => h('li', { dir: 'auto' }, `${neutralise(license.label)}: ${neutralise(license.error!)}`))),
      retry));
  }
  if (payload.skipped > 0) {
    append(list, h('p', { class: 'note warning' }, payload.skipped === 1
      ? l10n.t('1 record from the server could not be read and are left out.')
      : l10n.t('{0} records from the server could not be read and are left out.', payload.skipped.toLocaleString())));
  }
  return list;
}

function summary(aggregates: Aggregates, payload: ReportSummary): Node {
  return summaryTiles(aggregates.summary, payload.timeZone, payload.previous, 'summary', l10n.t('Summary'));
}

/** The summary's tiles, their ids prefixed by `prefix`, the group named `label`; beside each, its change since `previous` when known. */
function summaryTiles(s: UsageSummary, timeZone: string, previous: PreviousPeriod | undefined, prefix: string, label: string): Node {
  return h('div', { class: 'summary', role: 'group', 'aria-label': label },
    tile(`${prefix}-total`, l10n.t('Total time'), hoursAndMinutes(s.totalSeconds), l10n.t('{0} s', s.totalSeconds.toLocaleString()), changeBadge(s.totalSeconds, previous, (before) => before.summary.totalSeconds)),
    tile(`${prefix}-meetings`, l10n.t('Meetings'), s.meetings.toLocaleString(), undefined, changeBadge(s.meetings, previous, (before) => before.summary.meetings)),
    tile(`${prefix}-rooms`, l10n.t('Rooms'), s.rooms.toLocaleString(), undefined, changeBadge(s.rooms, previous, (before) => before.summary.rooms)),
    tile(`${prefix}-average`, l10n.t('Average meeting'), hoursAndMinutes(s.averageSeconds), undefined, changeBadge(s.averageSeconds, previous, (before) => before.summary.averageSeconds)),
    tile(`${prefix}-longest`, l10n.t('Longest meeting'), s.longest ? hoursAndMinutes(s.longest.seconds) : '–', s.longest ? `${neutralise(s.longest.roomName)}, ${formatInstant(s.longest.startedAt, timeZone)}` : undefined),
    tile(`${prefix}-busiest`, l10n.t('Busiest day'), s.busiestDay ? s.busiestDay.day : '–', s.busiestDay ? hoursAndMinutes(s.busiestDay.seconds) : undefined));
}

function perDayDetails(aggregates: Aggregates): Node {
  // The same figures as the chart, as a table for screen readers and for exact values.
  return lazyDetails(l10n.t('Figures per day'), () => {
    const body = h('tbody');
    for (const day of aggregates.perDay) append(body, h('tr', {}, h('td', {}, day.day), h('td', { class: 'num' }, day.meetings), h('td', { class: 'num' }, hoursAndMinutes(day.seconds))));
    return h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, h('th', {}, l10n.t('Day')), h('th', { class: 'num' }, l10n.t('Meetings')), h('th', { class: 'num' }, l10n.t('Time')))), body);
  });
}

function topRooms(aggregates: Aggregates): Node {
  const top = aggregates.perRoom.slice(0, TOP_ROOMS);
  const max = Math.max(1, ...top.map((room) => room.seconds));
  const list = h('ol', { class: 'bars', id: 'top-rooms' });
  for (const room of top) {
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${(room.seconds / max) * 100}%`; // CSSOM, which the page's CSP allows; no style attributes
    const name = room.license !== undefined ? `${neutralise(room.roomName)} · ${neutralise(room.license)}` : neutralise(room.roomName);
    append(list, h('li', {}, h('span', { class: 'name', title: name, dir: 'auto' }, name), h('span', { class: 'track' }, bar), h('span', { class: 'num' }, hoursAndMinutes(room.seconds))));
  }
  return list;
}

function roomsTable(aggregates: Aggregates): Node {
  const body = h('tbody');
  for (const room of aggregates.perRoom) {
    const filter = h('button', { class: 'link', type: 'button', title: l10n.t('Show only this room in the meetings table'), dir: 'auto' }, neutralise(room.roomName));
    filter.addEventListener('click', () => setFilter(room.roomName));
    const license = room.license !== undefined && h('td', { dir: 'auto' }, neutralise(room.license));
    append(body, h('tr', {}, license, h('td', {}, filter), h('td', { class: 'num' }, room.meetings.toLocaleString()), h('td', { class: 'num' }, hoursAndMinutes(room.seconds)), rooms && roomChangeCell(room, rooms, roomKey(room)), h('td', { class: 'num' }, formatDuration(room.longestSeconds))));
  }
  const licenseHead = aggregates.perLicense !== undefined && h('th', {}, l10n.t('License'));
  return h('section', { class: 'card' }, h('h2', {}, l10n.t('Rooms ({0})', aggregates.perRoom.length.toLocaleString())),
    h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'rooms-table' },
      h('thead', {}, h('tr', {}, licenseHead, h('th', {}, l10n.t('Room')), h('th', { class: 'num' }, l10n.t('Meetings')), h('th', { class: 'num' }, l10n.t('Total time')), rooms && h('th', { class: 'num' }, l10n.t('Change')), h('th', { class: 'num' }, l10n.t('Longest')))), body)));
}

// ---- The meetings table: sorted, filtered and paged here, from the columns the extension sent. ----

const filterField = el('vscode-textfield', { id: 'filter', placeholder: l10n.t('Filter by room'), 'aria-label': l10n.t('Filter meetings by room'), maxlength: String(MAX_FILTER_LENGTH) }) as HTMLInputElement;
let filterTimer: number | undefined;
filterField.addEventListener('input', () => {
  window.clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => setFilter(filterField.value), 150);
});
const meetingsBody = h('tbody');
const headRow = h('tr');
const pageInfo = h('span', { id: 'page-info', 'aria-live': 'polite' });
const pager = h('div', { class: 'pager' });

function setFilter(text: string): void {
  const filter = text.slice(0, MAX_FILTER_LENGTH); // what the extension accepts, so Export always works
  filterField.value = filter;
  query = { ...query, filter };
  page = 0;
  showMeetings();
}

function meetingsSection(): Node {
  return h('section', { class: 'card' },
    h('h2', {}, l10n.t('Meetings')),
    h('div', { class: 'toolbar' }, filterField, pageInfo),
    h('table', { class: 'grid', id: 'meetings' }, h('thead', {}, headRow), meetingsBody),
    pager);
}

/** The meetings table's columns; a function, so that the labels are translated when drawn. */
function columns(): readonly { key: SortKey; label: string; numeric?: boolean }[] {
  return [
    { key: 'room', label: l10n.t('Room') },
    { key: 'startedAt', label: l10n.t('Started') },
    { key: 'seconds', label: l10n.t('Duration'), numeric: true },
  ];
}

/** How many columns the meetings table has: a License column first across licenses. */
function columnCount(): string {
  return report?.licenses ? '4' : '3';
}

/** The meetings table as the query selects it; a line that they are on their way until they are here. */
function showMeetings(): void {
  renderHeader();
  setExportEnabled(table !== undefined && table.room.length > 0);
  if (!table) {
    rows = [];
    // Words, no ring: the meetings' message crosses to the page meanwhile, and a ring repainted at
    // every frame would share the machine with it (see showLoading).
    replaceChildren(meetingsBody, h('tr', {}, h('td', { colspan: columnCount(), class: 'empty' }, l10n.t('Loading the meetings…'))));
    pageInfo.textContent = '';
    replaceChildren(pager);
    return;
  }
  const started = performance.now();
  rows = selectRows(table, query);
  page = clampPage(page, rows.length);
  renderPage();
  meetingsBody.dataset.selectMs = String(performance.now() - started); // read by the benchmark
}

function renderHeader(): void {
  const license = report?.licenses ? [h('th', { scope: 'col' }, l10n.t('License'))] : [];
  replaceChildren(headRow, ...license, ...columns().map(({ key, label, numeric }) => {
    const active = query.sort === key;
    const button = h('button', { type: 'button', class: 'sort', 'data-sort': key }, label, active ? (query.descending ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => {
      query = sortedBy(query, key);
      page = 0;
      showMeetings();
      headRow.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)?.focus();
    });
    return h('th', { class: numeric ? 'num' : '', 'aria-sort': active ? (query.descending ? 'descending' : 'ascending') : 'none' }, button);
  }));
}

function renderPage(): void {
  const shown = table;
  if (!report || !shown) return;
  const { timeZone } = report;
  const first = page * PAGE_SIZE;
  const slice = rows.slice(first, first + PAGE_SIZE);
  const { licenseNames, roomLicense } = shown;
  replaceChildren(meetingsBody, ...slice.map((row) => h('tr', {},
    licenseNames && roomLicense && h('td', { dir: 'auto' }, neutralise(licenseNames[roomLicense[shown.room[row]!]!]!)),
    h('td', { dir: 'auto' }, neutralise(shown.roomNames[shown.room[row]!]!)),
    h('td', {}, formatInstant(shown.startedAt[row]!, timeZone)),
    h('td', { class: 'num' }, formatDuration(shown.seconds[row]!)))));
  if (slice.length === 0) append(meetingsBody, h('tr', {}, h('td', { colspan: columnCount(), class: 'empty' }, l10n.t('No meetings in rooms matching "{0}".', neutralise(query.filter)))));
  pageInfo.textContent = rows.length ? pageText(first + 1, first + slice.length, rows.length, query.filter ? shown.room.length : undefined) : l10n.t('0 meetings');
  const last = lastPage(rows.length);
  const go = (label: string, target: number, disabled: boolean) => {
    const button = el('vscode-button', { secondary: true, disabled, 'aria-label': label }, label);
    button.addEventListener('click', () => {
      page = target;
      renderPage();
    });
    return button;
  };
  replaceChildren(pager,
    go(l10n.t('First'), 0, page === 0),
    go(l10n.t('Previous'), page - 1, page === 0),
    h('span', {}, l10n.t('Page {0} of {1}', page + 1, last + 1)),
    go(l10n.t('Next'), page + 1, page >= last),
    go(l10n.t('Last'), last, page >= last));
}

