/**
 * The model of one usage report: which days and room it covers, the meetings the server sent for
 * them, the totals in the zone the user reads them in, and what an export writes. It asks the API
 * and computes; the panel (views/usagePanel.ts) only renders it and forwards what the user does.
 * No vscode here: it is unit-tested with a fake client.
 */
import * as l10n from '@vscode/l10n';
import type { UsageRange } from '../api/client';
import { isApiError } from '../api/errors';
import type { UsageOptions } from '../api/client';
import { MAX_ANSWER_MB, type RequestTiming } from '../api/http';
import type { ReadingTail } from '../api/usageStream';
import type { UsageTable } from '../api/schema';
import { aggregate, mergeTables, totalsDiffer } from '../report/aggregate';
import { previousRange } from '../report/comparison';
import { rangeSteps } from '../report/capacity';
import { exportFileName, toConcurrencyCsv, toCsv, toJson } from '../report/exportFile';
import { summaryMarkdown } from '../report/summaryMarkdown';
import { selectRows } from '../report/tableView';
import { isTimeZone } from '../report/timeZone';
import { isCalendarDate } from '../shared/calendarDate';
import type { ExportFormat, FiguresSoFar, PreviousPeriod, ReportSummary } from '../shared/protocol';
import type { CapacityLimit, DateRange, MeetingTable, MonthForecast, TableQuery, TotalsSoFar } from '../shared/reportTypes';
import { type Disposable, Emitter } from './events';
import { inThread, type ReportCompute } from './reportCompute';
import type { Counting } from './reportWorkerProtocol';

/** What the report needs of the API client. */
export interface UsageSource {
  usageTable(range: UsageRange, options?: UsageOptions): Promise<UsageTable>;
}

/**
 * When each stage of a load ended, in performance.now() milliseconds of the extension host, for
 * the log and the benchmark: the walk command → request → first byte → last byte → parsed and
 * checked → counted. Parsing and checking overlap the download; their own times are summed apart.
 */
export interface LoadTiming {
  /** When the user asked: the range chosen in the quick pick, or Show clicked on the page. */
  readonly asked: number;
  readonly sent: number;
  readonly firstByte: number;
  readonly lastByte: number;
  /** The last records read and checked. */
  readonly parsed: number;
  /** Time in JSON.parse, and in the records' checks, wherever they ran. */
  readonly parseMs: number;
  readonly checkMs: number;
  /** Where the reading after the last byte went, for the last answer read, when it was read in the report's worker. */
  readonly tail?: ReadingTail;
  /** When the first figures of the meetings read so far were told, if any were. */
  readonly soFarTold?: number;
  /** The model and its totals are ready. */
  readonly counted: number;
}

/** A license to report on: its id and label, and its client. */
export interface ReportSource {
  readonly id: string;
  readonly label: string;
  readonly source: UsageSource;
  /** The license's room limit and warning threshold, when its live data has them. */
  readonly limit?: () => CapacityLimit | undefined;
  /** This month so far and its forecast (the license's own, fetched at most every 15 minutes). */
  readonly monthToDate?: () => Promise<MonthForecast>;
}

export interface ReportLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface LoadedReport {
  /** Everything the page draws first: totals, charts, notes (in the zone of `summary.timeZone`). */
  readonly summary: ReportSummary;
  /** Every meeting, for the table and the exports. */
  readonly table: MeetingTable;
  /** Counts up with each load, so a view can tell a new report from the same one again. */
  readonly id: number;
  /** When each stage of its load ended. */
  readonly timing?: LoadTiming;
}

export type ReportState =
  /** Nothing asked yet: the report's panel opened while the user chooses its range. */
  | { readonly phase: 'choosing' }
  | { readonly phase: 'loading' }
  | { readonly phase: 'loaded'; readonly report: LoadedReport }
  | { readonly phase: 'failed'; readonly message: string };

export interface ExportedFile {
  readonly text: string;
  readonly count: number;
}

/** How far a load has come: meetings read and bytes received, of every license asked. */
export interface LoadProgress {
  readonly records: number;
  readonly bytes: number;
  /** The bytes the servers said they would send, when every one of them said. */
  readonly totalBytes?: number;
  /** The figures of the meetings read so far, now and then (a report of one license's whole table only). */
  readonly soFar?: FiguresSoFar;
}

/** How often, at most, a load tells its progress. */
const PROGRESS_MS = 100;

export class UsageReport implements Disposable {
  private readonly changed = new Emitter<void>();
  /** Fires when a load starts, ends or fails. */
  readonly onDidChange = this.changed.event;
  private readonly progressed = new Emitter<LoadProgress>();
  /** Fires now and then while a load's answers arrive. */
  readonly onDidProgress = this.progressed.event;
  /** The last report loaded, with its range and room: what a cancelled load goes back to. */
  private lastLoaded: { readonly report: LoadedReport; readonly range: DateRange; readonly room: string | undefined } | undefined;
  private currentRange: DateRange;
  private currentRoom: string | undefined;
  private state: ReportState = { phase: 'choosing' };
  private sequence = 0;
  private disposed = false;
  /** The user's own zone, as the page reports it; the extension host's until then. */
  private userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** The zone the user chose on the page; undefined for their own. */
  private chosenZone: string | undefined;
  /** Cancels the requests of the load under way when another replaces it or the report closes. */
  private loading: AbortController | undefined;

  /**
   * @param sources the licenses to report on: one (the report as it has always been), or several
   *   (a report across licenses, each asked in parallel; one that fails is named, never dropped silently)
   */
  constructor(
    readonly sources: readonly ReportSource[],
    private readonly log: ReportLog,
    range: DateRange,
    room: string | undefined,
    private readonly now: () => number = Date.now,
    private readonly compute: ReportCompute = inThread,
  ) {
    this.currentRange = range;
    this.currentRoom = room;
  }

  get range(): DateRange {
    return this.currentRange;
  }

  get room(): string | undefined {
    return this.currentRoom;
  }

  /** The zone the user chose, if not their own. */
  get chosenTimeZone(): string | undefined {
    return this.chosenZone;
  }

  /** The zone days and times are counted in: the one chosen, or the user's own. */
  get timeZone(): string {
    return this.chosenZone ?? this.userZone;
  }

  /** Where the report is (nothing asked, loading, loaded, failed), without the work `current` may do. */
  get phase(): ReportState['phase'] {
    return this.state.phase;
  }

  /** The state, its totals counted in the current zone (counted again, once, after a change of zone). */
  get current(): ReportState {
    const state = this.state;
    if (state.phase !== 'loaded' || state.report.summary.timeZone === this.timeZone) return state;
    const { summary, table, id } = state.report;
    this.state = { phase: 'loaded', report: { id, table, summary: { ...summary, timeZone: this.timeZone, aggregates: aggregate(table, summary.range, this.timeZone, summary.limit) } } };
    return this.state;
  }

  /** The user's zone as the page found it; ignored unless this runtime knows it. */
  setUserZone(timeZone: string): void {
    if (isTimeZone(timeZone)) this.userZone = timeZone;
  }

  /**
   * Days and times in this IANA zone (undefined, or one this runtime does not know: the user's own).
   * The page counts its own totals again; exports follow this.
   */
  setZone(timeZone: string | undefined): void {
    this.chosenZone = timeZone !== undefined && isTimeZone(timeZone) ? timeZone : undefined;
  }

  /**
   * Asks the server for the range and room, and computes the report. A newer load supersedes an
   * older one and cancels its requests, so that no stale answer is drawn and none is left running.
   * `asked` is when the user asked (the range chosen, Show clicked), where the report's timing starts.
   */
  async load(range: DateRange, room: string | undefined, asked = performance.now()): Promise<void> {
    // A closed report asks nothing: no one would see the answers (nor those of the period before).
    if (this.disposed) return;
    const sequence = ++this.sequence;
    this.loading?.abort();
    const loading = new AbortController();
    this.loading = loading;
    this.currentRange = range;
    this.currentRoom = room;
    this.set({ phase: 'loading' });
    this.compute.warm?.();
    const timings: (RequestTiming | undefined)[] = [];
    const reads: Read[] = [];
    const counting = this.countingWhereRead(range, room, () => combinedLimit([this.sources[0]!.limit?.()]));
    const progress = this.progressOf(sequence);
    let soFarTold: number | undefined;
    /** What license `i`'s reader tells: its records read, and (when it counts) the figures so far, in the zone counted. */
    const told = (i: number) => (count: number, soFar?: TotalsSoFar) => {
      if (soFar) soFarTold ??= performance.now();
      progress.records(i, count, soFar && counting && { ...soFar, timeZone: counting.timeZone });
    };
    const answers = await Promise.allSettled(this.sources.map(({ source }, i) => source.usageTable(range, {
      reader: () => this.measured(reads, this.compute.usageReader({ ...(counting && { counting }), onRecords: told(i) })),
      signal: loading.signal,
      onTiming: (timing) => (timings[i] = timing),
      onProgress: (body) => progress.body(i, body.bytes, body.totalBytes),
    })));
    if (sequence !== this.sequence) return;
    const failures = answers.map((answer) => (answer.status === 'rejected' ? failureMessage(answer.reason) : undefined));
    if (failures.every((failure) => failure !== undefined)) {
      const message = this.sources.length === 1
        ? failures[0]!
        : l10n.t('No license answered. {0}', this.sources.map(({ label }, i) => `${label}: ${failures[i]!}`).join(' '));
      this.log.warn(`Usage report for ${range.start}..${range.end} failed: ${message}`);
      this.set({ phase: 'failed', message });
      return;
    }
    try {
      const usages = answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : undefined));
      const several = this.sources.length > 1;
      const table = this.oneTable(usages.map((usage) => usage?.table), room);
      const answered = usages.filter((usage): usage is UsageTable => usage !== undefined);
      const serverTotalSeconds = answered.reduce((sum, usage) => sum + usage.totalSeconds, 0);
      const zone = this.timeZone;
      const limit = combinedLimit(this.sources.filter((_, i) => failures[i] === undefined).map((source) => source.limit?.()));
      const aggregates = await this.compute.aggregate(table, range, zone, limit);
      if (sequence !== this.sequence) return;
      const summary: ReportSummary = {
        range,
        ...(room !== undefined && { room }),
        timeZone: zone,
        domain: answered.map((usage) => usage.domain).filter((domain, i, all) => all.indexOf(domain) === i).join(', '),
        meetings: table.room.length,
        aggregates,
        ...(limit && { limit }),
        serverTotalSeconds,
        totalsDiffer: room === undefined && totalsDiffer(serverTotalSeconds, table),
        skipped: answered.reduce((sum, usage) => sum + usage.skipped, 0),
        fetchedAt: this.now(),
        ...(several && { licenses: this.sources.map(({ id, label }, i) => ({ id, label, ...(failures[i] !== undefined && { error: failures[i] }) })) }),
      };
      for (const [i, failure] of failures.entries()) if (failure !== undefined) this.log.warn(`Usage report for ${range.start}..${range.end}: license ${i + 1} of ${this.sources.length} failed: ${failure}`);
      const timing = loadTiming(asked, timings, reads, soFarTold);
      this.log.info(`Usage report ${range.start}..${range.end}: ${table.room.length.toLocaleString()} meetings from ${answered.length} license(s); server and reading ${Math.round(timing.parsed - asked)} ms, report ${Math.round(timing.counted - timing.parsed)} ms`);
      this.set({ phase: 'loaded', report: { summary, table, id: sequence, timing } });
      // The period before and the month go out only now, once the report's own answers are read:
      // beside them, they would share the server and the link with the answer the user waits for.
      void this.addBeside(sequence, room, limit, loading.signal);
    } catch (error) {
      if (sequence !== this.sequence) return;
      // A bug in counting must read as a failed report, not as a report that never comes.
      const message = failureMessage(error);
      this.log.warn(`Usage report for ${range.start}..${range.end} failed: ${message}`);
      this.set({ phase: 'failed', message });
    }
  }

  /**
   * How a table is counted where it is read (the report's worker): only when one license's whole
   * table is the report's. Several licenses' tables are merged first, and a room's is cut out first.
   */
  private countingWhereRead(range: DateRange, room: string | undefined, limit: () => CapacityLimit | undefined): Counting | undefined {
    return this.sources.length === 1 && room === undefined ? { range, timeZone: this.timeZone, limit: limit() } : undefined;
  }

  /** A body reader whose parse and check times are added to `reads` when it finishes. */
  private measured(reads: Read[], reader: ReturnType<ReportCompute['usageReader']>): ReturnType<ReportCompute['usageReader']> {
    return {
      push: (chunk) => reader.push(chunk),
      drop: () => reader.drop(),
      finish: async () => {
        const read = await reader.finish();
        const { parseMs, checkMs, tail } = read.kept;
        reads.push({ parseMs, checkMs, ...(tail && { tail }) });
        return read;
      },
    };
  }

  /** Each license's table (in the order of the sources; none for one that failed) as the report's one table: merged, license by license, when there are several. */
  private oneTable(tables: readonly (MeetingTable | undefined)[], room: string | undefined): MeetingTable {
    const empty: MeetingTable = { roomNames: [], room: [], startedAt: [], seconds: [] };
    const ofRoom = tables.map((table) => (table === undefined ? empty : room === undefined ? table : onlyRoom(table, room)));
    return this.sources.length > 1 ? mergeTables(this.sources.map(({ label }, i) => ({ label, table: ofRoom[i]! }))) : ofRoom[0]!;
  }

  /** The period before, counted as the report is; or why it cannot be compared. */
  private async previousPeriod(range: DateRange, room: string | undefined, limit: CapacityLimit | undefined, signal: AbortSignal): Promise<PreviousPeriod | string> {
    const counting = this.countingWhereRead(range, room, () => limit);
    const settled = await Promise.allSettled(this.sources.map(({ source }) => source.usageTable(range, { reader: () => this.compute.usageReader(counting && { counting }), signal })));
    const failed = settled.flatMap((answer, i) => (answer.status === 'rejected' ? [`${this.sources.length > 1 ? `${this.sources[i]!.label}: ` : ''}${failureMessage(answer.reason)}`] : []));
    // A comparison with a license missing would show a change that is not there.
    if (failed.length > 0) return failed.join(' ');
    const table = this.oneTable(settled.map((answer) => (answer.status === 'fulfilled' ? answer.value.table : undefined)), room);
    const figures = await this.compute.aggregate(table, range, this.timeZone, limit);
    return { range, summary: figures.summary, peak: figures.capacity.peak, perRoom: figures.perRoom };
  }

  /**
   * Asks for the period before and the month, and adds both to the loaded report at once, marked
   * complete: the page then draws the report once more, not once for each.
   */
  private async addBeside(sequence: number, room: string | undefined, limit: CapacityLimit | undefined, signal: AbortSignal): Promise<void> {
    const range = this.currentRange;
    const before = isCalendarDate(range.start) && isCalendarDate(range.end) ? previousRange(range) : undefined;
    const months = Promise.allSettled(this.sources.map((source) => (source.monthToDate ? source.monthToDate() : Promise.reject(new Error('no month')))));
    const [period, settled] = await Promise.all([
      before && this.previousPeriod(before, room, limit, signal).catch((error: unknown) => failureMessage(error)),
      months,
    ]);
    const state = this.state;
    if (sequence !== this.sequence || state.phase !== 'loaded') return;
    if (typeof period === 'string') this.log.warn(`Usage report: the period before could not be compared: ${period}`);
    const month = sumMonths(settled);
    const change: Partial<ReportSummary> = {
      ...(typeof period === 'string' ? { previousError: period } : period && { previous: period }),
      ...(month && { month }),
      complete: true,
    };
    this.log.info(`Usage report ${range.start}..${range.end}: complete, with the period before and the month`);
    this.set({ phase: 'loaded', report: { ...state.report, summary: { ...state.report.summary, ...change } } });
  }

  /** Loads the same days and room again. */
  retry(): Promise<void> {
    return this.load(this.currentRange, this.currentRoom);
  }

  /**
   * Stops the load under way (its requests too) and goes back to the report shown before it, as a
   * new report of its own range; with none, says the load was cancelled (Retry loads it again).
   */
  cancel(): void {
    if (this.state.phase !== 'loading' || this.disposed) return;
    this.loading?.abort();
    const sequence = ++this.sequence; // the answers still on their way are dropped
    const cancelled = this.currentRange;
    this.log.info(`Usage report for ${cancelled.start}..${cancelled.end} cancelled`);
    const last = this.lastLoaded;
    if (!last) {
      this.set({ phase: 'failed', message: l10n.t('You cancelled loading the usage for {0} to {1}.', cancelled.start, cancelled.end) });
      return;
    }
    this.currentRange = last.range;
    this.currentRoom = last.room;
    const { timing: _timing, ...report } = last.report; // no walk to time: nothing was asked
    this.set({ phase: 'loaded', report: { ...report, id: sequence } });
  }

  /** Adds up each license's progress for load `sequence`, and tells it now and then. */
  private progressOf(sequence: number): { records(license: number, count: number, soFar?: FiguresSoFar): void; body(license: number, bytes: number, totalBytes: number | undefined): void } {
    const records: number[] = this.sources.map(() => 0);
    const bytes: number[] = this.sources.map(() => 0);
    const totals: (number | undefined)[] = this.sources.map(() => undefined);
    let toldAt = Number.NEGATIVE_INFINITY;
    /** Figures so far are told as they come (their reader already spaces them), the counts at most every PROGRESS_MS. */
    const tell = (soFar?: FiguresSoFar) => {
      const now = this.now();
      if (sequence !== this.sequence || (!soFar && now - toldAt < PROGRESS_MS)) return;
      toldAt = now;
      const known = totals.filter((total): total is number => total !== undefined);
      this.progressed.fire({
        records: records.reduce((sum, count) => sum + count, 0),
        bytes: bytes.reduce((sum, count) => sum + count, 0),
        ...(known.length === totals.length && { totalBytes: known.reduce((sum, total) => sum + total, 0) }),
        ...(soFar && { soFar }),
      });
    };
    return {
      records: (license, count, soFar) => {
        records[license] = count;
        tell(soFar);
      },
      body: (license, count, total) => {
        bytes[license] = count;
        totals[license] = total;
        tell();
      },
    };
  }

  /**
   * The meetings the table shows for `query`, as a CSV or JSON file in the report's zone; or the
   * concurrent rooms over the range as CSV (`count` is then the number of steps).
   */
  exportFile(format: ExportFormat, query: TableQuery): ExportedFile {
    const state = this.current;
    if (state.phase !== 'loaded') throw new Error(l10n.t('There is no report to export yet.'));
    const { summary, table } = state.report;
    if (format === 'concurrency') {
      const steps = rangeSteps(table, summary.range, this.timeZone);
      return { text: toConcurrencyCsv(steps, this.timeZone), count: steps.times.length };
    }
    const rows = selectRows(table, query);
    const text = format === 'csv'
      ? toCsv(table, rows, this.timeZone)
      : toJson(table, rows, {
        range: summary.range,
        timeZone: this.timeZone,
        ...(summary.room !== undefined && { room: summary.room }),
        filter: query.filter,
        exportedAt: this.now(),
        domain: summary.domain,
        ...(summary.licenses && { licenses: summary.licenses }),
        figures: {
          summary: summary.aggregates.summary,
          capacity: summary.aggregates.capacity,
          weekHours: summary.aggregates.weekHours,
          ...(summary.previous && { previous: { range: summary.previous.range, summary: summary.previous.summary, peak: summary.previous.peak } }),
          ...(summary.previousError !== undefined && { previousError: summary.previousError }),
          ...(summary.month && { month: summary.month }),
        },
      });
    return { text, count: rows.length };
  }

  /** The report's figures as Markdown; undefined before a report is there. */
  summaryMarkdown(): string | undefined {
    const state = this.current;
    return state.phase === 'loaded' ? summaryMarkdown(state.report.summary) : undefined;
  }

  /** The file name an export of the loaded report is offered under. */
  exportName(format: ExportFormat): string {
    return exportFileName(this.currentRange, format, this.currentRoom);
  }

  private set(state: ReportState): void {
    this.state = state;
    if (state.phase === 'loaded') this.lastLoaded = { report: state.report, range: this.currentRange, room: this.currentRoom };
    this.changed.fire();
  }

  dispose(): void {
    this.disposed = true;
    this.sequence++; // an answer still on its way is dropped
    this.loading?.abort(); // and its request with it
    this.changed.dispose();
    this.progressed.dispose();
  }
}

/** The licenses' limits as one: their room limits summed, the most cautious warning threshold; none unless every license's is known. */
function combinedLimit(limits: readonly (CapacityLimit | undefined)[]): CapacityLimit | undefined {
  if (limits.length === 0 || limits.some((limit) => limit === undefined)) return undefined;
  const known = limits as readonly CapacityLimit[];
  return { roomLimit: known.reduce((sum, limit) => sum + limit.roomLimit, 0), warningPercent: Math.min(...known.map((limit) => limit.warningPercent)) };
}

/** The licenses' months as one, when every license has its figures. */
function sumMonths(settled: readonly PromiseSettledResult<MonthForecast>[]): MonthForecast | undefined {
  const months = settled.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []));
  if (months.length === 0 || months.length < settled.length || months.some((month) => month.month !== months[0]!.month)) return undefined;
  const add = (pick: (month: MonthForecast) => number) => months.reduce((sum, month) => sum + pick(month), 0);
  return {
    month: months[0]!.month,
    soFarSeconds: add((month) => month.soFarSeconds),
    forecastSeconds: add((month) => month.forecastSeconds),
    lastMonth: { month: months[0]!.lastMonth.month, totalSeconds: add((month) => month.lastMonth.totalSeconds), toSameDaySeconds: add((month) => month.lastMonth.toSameDaySeconds) },
    weekdayAverages: months[0]!.weekdayAverages.map((_, day) => add((month) => month.weekdayAverages[day]!)),
  };
}

/** Only the meetings of `room` (exact name). */
function onlyRoom(table: MeetingTable, room: string): MeetingTable {
  const index = table.roomNames.indexOf(room);
  const keep: number[] = [];
  for (let i = 0; i < table.room.length; i++) if (table.room[i] === index) keep.push(i);
  return { roomNames: index < 0 ? [] : [room], room: keep.map(() => 0), startedAt: keep.map((i) => table.startedAt[i]!), seconds: keep.map((i) => table.seconds[i]!) };
}

/** What one answer's reading took: its parse and check times, and where its time after the last byte went. */
interface Read {
  readonly parseMs: number;
  readonly checkMs: number;
  readonly tail?: ReadingTail;
}

/**
 * The stages of a load: those of the slowest license's request (the one the report waited for),
 * parse and check times summed over every license.
 */
function loadTiming(asked: number, timings: readonly (RequestTiming | undefined)[], reads: readonly Read[], soFarTold: number | undefined): LoadTiming {
  const known = timings.filter((timing): timing is RequestTiming => timing !== undefined);
  const slowest = known.reduce<RequestTiming | undefined>((last, timing) => (last === undefined || timing.parsed > last.parsed ? timing : last), undefined);
  const tail = reads.at(-1)?.tail; // the last answer read is the one the report waited for
  const now = performance.now();
  return {
    asked,
    sent: slowest?.sent ?? asked,
    firstByte: slowest?.firstByte ?? asked,
    lastByte: slowest?.lastByte ?? asked,
    parsed: slowest?.parsed ?? asked,
    parseMs: reads.reduce((sum, read) => sum + read.parseMs, 0),
    checkMs: reads.reduce((sum, read) => sum + read.checkMs, 0),
    ...(tail && { tail }),
    ...(soFarTold !== undefined && { soFarTold }),
    counted: now,
  };
}

function failureMessage(error: unknown): string {
  if (isApiError(error) && error.kind === 'tooLarge') {
    // The cap protects the extension host's memory; what the user can do about it is ask for less.
    return l10n.t('{0} A report reads at most {1} MB from the server at once: choose a shorter range.', error.message, MAX_ANSWER_MB);
  }
  return isApiError(error) ? error.message : l10n.t('The usage report failed: {0}', String(error));
}
