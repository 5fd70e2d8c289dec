/**
 * The model of one usage report: which days and room it covers, the meetings the server sent for
 * them, the totals in the zone the user reads them in, and what an export writes. It asks the API
 * and computes; the panel (views/usagePanel.ts) only renders it and forwards what the user does.
 * No vscode here: it is unit-tested with a fake client.
 */
import * as l10n from '@vscode/l10n';
import type { UsageRange } from '../api/client';
import { isApiError } from '../api/errors';
import type { Usage } from '../api/schema';
import { aggregate, mergeTables, toMeetingTable, totalsDiffer } from '../report/aggregate';
import { previousRange } from '../report/comparison';
import { rangeSteps } from '../report/capacity';
import { exportFileName, toConcurrencyCsv, toCsv, toJson } from '../report/exportFile';
import { summaryMarkdown } from '../report/summaryMarkdown';
import { selectRows } from '../report/tableView';
import { isTimeZone } from '../report/timeZone';
import { isCalendarDate } from '../shared/calendarDate';
import type { ExportFormat, PreviousPeriod, ReportSummary } from '../shared/protocol';
import type { CapacityLimit, DateRange, MeetingTable, MonthForecast, TableQuery } from '../shared/reportTypes';
import { type Disposable, Emitter } from './events';

/** What the report needs of the API client. */
export interface UsageSource {
  usage(range: UsageRange): Promise<Usage>;
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
}

export type ReportState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'loaded'; readonly report: LoadedReport }
  | { readonly phase: 'failed'; readonly message: string };

export interface ExportedFile {
  readonly text: string;
  readonly count: number;
}

export class UsageReport implements Disposable {
  private readonly changed = new Emitter<void>();
  /** Fires when a load starts, ends or fails. */
  readonly onDidChange = this.changed.event;
  private currentRange: DateRange;
  private currentRoom: string | undefined;
  private state: ReportState = { phase: 'loading' };
  private sequence = 0;
  private disposed = false;
  /** The user's own zone, as the page reports it; the extension host's until then. */
  private userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** The zone the user chose on the page; undefined for their own. */
  private chosenZone: string | undefined;

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

  /** Asks the server for the range and room, and computes the report; a newer load supersedes an older one. */
  async load(range: DateRange, room: string | undefined): Promise<void> {
    // A closed report asks nothing: no one would see the answers (nor those of the period before).
    if (this.disposed) return;
    const sequence = ++this.sequence;
    this.currentRange = range;
    this.currentRoom = room;
    this.set({ phase: 'loading' });
    const asked = performance.now();
    // The period before and the month run beside the report, never ahead of it: the report is drawn
    // as soon as its own answers are in, and these are added when they come (or said to have failed).
    const asking = Promise.allSettled(this.sources.map(({ source }) => source.usage(range)));
    const before = isCalendarDate(range.start) && isCalendarDate(range.end) ? previousRange(range) : undefined;
    const previous = before && Promise.allSettled(this.sources.map(({ source }) => source.usage(before)));
    const months = Promise.allSettled(this.sources.map((source) => (source.monthToDate ? source.monthToDate() : Promise.reject(new Error('no month')))));
    const answers = await asking;
    if (sequence !== this.sequence) return;
    const received = performance.now();
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
      const table = this.oneTable(usages.map((usage) => usage?.records ?? []), room);
      const answered = usages.filter((usage): usage is Usage => usage !== undefined);
      const serverTotalSeconds = answered.reduce((sum, usage) => sum + usage.totalSeconds, 0);
      const zone = this.timeZone;
      const limit = combinedLimit(this.sources.filter((_, i) => failures[i] === undefined).map((source) => source.limit?.()));
      const summary: ReportSummary = {
        range,
        ...(room !== undefined && { room }),
        timeZone: zone,
        domain: answered.map((usage) => usage.domain).filter((domain, i, all) => all.indexOf(domain) === i).join(', '),
        meetings: table.room.length,
        aggregates: aggregate(table, range, zone, limit),
        ...(limit && { limit }),
        serverTotalSeconds,
        totalsDiffer: room === undefined && totalsDiffer(serverTotalSeconds, table),
        skipped: answered.reduce((sum, usage) => sum + usage.skipped, 0),
        fetchedAt: this.now(),
        ...(several && { licenses: this.sources.map(({ id, label }, i) => ({ id, label, ...(failures[i] !== undefined && { error: failures[i] }) })) }),
      };
      for (const [i, failure] of failures.entries()) if (failure !== undefined) this.log.warn(`Usage report for ${range.start}..${range.end}: license ${i + 1} of ${this.sources.length} failed: ${failure}`);
      this.log.info(`Usage report ${range.start}..${range.end}: ${table.room.length.toLocaleString()} meetings from ${answered.length} license(s); server and parsing ${Math.round(received - asked)} ms, report ${Math.round(performance.now() - received)} ms`);
      this.set({ phase: 'loaded', report: { summary, table, id: sequence } });
      void this.addBeside(sequence, previous && before && previous.then((settled) => this.previousPeriod(settled, before, room, limit)), months);
    } catch (error) {
      // A bug in counting must read as a failed report, not as a report that never comes.
      const message = failureMessage(error);
      this.log.warn(`Usage report for ${range.start}..${range.end} failed: ${message}`);
      this.set({ phase: 'failed', message });
    }
  }

  /** Each license's records (in the order of the sources) as the report's one table: merged, license by license, when there are several. */
  private oneTable(records: readonly Usage['records'][], room: string | undefined): MeetingTable {
    const tables = records.map((list) => toMeetingTable(list, room));
    return this.sources.length > 1 ? mergeTables(this.sources.map(({ label }, i) => ({ label, table: tables[i]! }))) : tables[0]!;
  }

  /** The period before, counted as the report is; or why it cannot be compared. */
  private previousPeriod(settled: PromiseSettledResult<Usage>[], range: DateRange, room: string | undefined, limit: CapacityLimit | undefined): PreviousPeriod | string {
    const failed = settled.flatMap((answer, i) => (answer.status === 'rejected' ? [`${this.sources.length > 1 ? `${this.sources[i]!.label}: ` : ''}${failureMessage(answer.reason)}`] : []));
    // A comparison with a license missing would show a change that is not there.
    if (failed.length > 0) return failed.join(' ');
    const table = this.oneTable(settled.map((answer) => (answer.status === 'fulfilled' ? answer.value.records : [])), room);
    const figures = aggregate(table, range, this.timeZone, limit);
    return { range, summary: figures.summary, peak: figures.capacity.peak, perRoom: figures.perRoom };
  }

  /** Adds the period before and the month to the loaded report, each when it comes. */
  private async addBeside(sequence: number, previous: Promise<PreviousPeriod | string> | undefined, months: Promise<PromiseSettledResult<MonthForecast>[]>): Promise<void> {
    const update = (change: Partial<ReportSummary>) => {
      const state = this.state;
      if (sequence !== this.sequence || state.phase !== 'loaded') return;
      this.set({ phase: 'loaded', report: { ...state.report, summary: { ...state.report.summary, ...change } } });
    };
    await Promise.all([
      previous?.then((period) => {
        if (typeof period === 'string') this.log.warn(`Usage report: the period before could not be compared: ${period}`);
        update(typeof period === 'string' ? { previousError: period } : { previous: period });
      }, (error: unknown) => update({ previousError: failureMessage(error) })),
      months.then((settled) => {
        const month = sumMonths(settled);
        if (month) update({ month });
      }),
    ]);
  }

  /** Loads the same days and room again. */
  retry(): Promise<void> {
    return this.load(this.currentRange, this.currentRoom);
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
    this.changed.fire();
  }

  dispose(): void {
    this.disposed = true;
    this.sequence++; // an answer still on its way is dropped
    this.changed.dispose();
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

function failureMessage(error: unknown): string {
  return isApiError(error) ? error.message : l10n.t('The usage report failed: {0}', String(error));
}
