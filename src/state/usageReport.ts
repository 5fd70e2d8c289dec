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
import { exportFileName, toCsv, toJson } from '../report/exportFile';
import { selectRows } from '../report/tableView';
import { isTimeZone } from '../report/timeZone';
import type { ReportSummary } from '../shared/protocol';
import type { DateRange, MeetingTable, TableQuery } from '../shared/reportTypes';
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
  /** The user's own zone, as the page reports it; the extension host's until then. */
  private userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  private utc = false;

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

  get inUtc(): boolean {
    return this.utc;
  }

  /** The zone days and times are counted in: UTC, or the user's own. */
  get timeZone(): string {
    return this.utc ? 'UTC' : this.userZone;
  }

  /** The state, its totals counted in the current zone (counted again, once, after a change of zone). */
  get current(): ReportState {
    const state = this.state;
    if (state.phase !== 'loaded' || state.report.summary.timeZone === this.timeZone) return state;
    const { summary, table, id } = state.report;
    this.state = { phase: 'loaded', report: { id, table, summary: { ...summary, timeZone: this.timeZone, aggregates: aggregate(table, summary.range, this.timeZone) } } };
    return this.state;
  }

  /** The user's zone as the page found it; ignored unless this runtime knows it. */
  setUserZone(timeZone: string): void {
    if (isTimeZone(timeZone)) this.userZone = timeZone;
  }

  /** Days and times in UTC, or in the user's zone. The page counts its own totals again; exports follow this. */
  setUtc(utc: boolean): void {
    this.utc = utc;
  }

  /** Asks the server for the range and room, and computes the report; a newer load supersedes an older one. */
  async load(range: DateRange, room: string | undefined): Promise<void> {
    const sequence = ++this.sequence;
    this.currentRange = range;
    this.currentRoom = room;
    this.set({ phase: 'loading' });
    const asked = performance.now();
    const answers = await Promise.allSettled(this.sources.map(({ source }) => source.usage(range)));
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
      const tables = usages.map((usage) => toMeetingTable(usage?.records ?? [], room));
      const several = this.sources.length > 1;
      const table = several ? mergeTables(this.sources.map(({ label }, i) => ({ label, table: tables[i]! }))) : tables[0]!;
      const answered = usages.filter((usage): usage is Usage => usage !== undefined);
      const serverTotalSeconds = answered.reduce((sum, usage) => sum + usage.totalSeconds, 0);
      const zone = this.timeZone;
      const summary: ReportSummary = {
        range,
        ...(room !== undefined && { room }),
        timeZone: zone,
        domain: answered.map((usage) => usage.domain).filter((domain, i, all) => all.indexOf(domain) === i).join(', '),
        meetings: table.room.length,
        aggregates: aggregate(table, range, zone),
        serverTotalSeconds,
        totalsDiffer: room === undefined && totalsDiffer(serverTotalSeconds, table),
        skipped: answered.reduce((sum, usage) => sum + usage.skipped, 0),
        fetchedAt: this.now(),
        ...(several && { licenses: this.sources.map(({ id, label }, i) => ({ id, label, ...(failures[i] !== undefined && { error: failures[i] }) })) }),
      };
      for (const [i, failure] of failures.entries()) if (failure !== undefined) this.log.warn(`Usage report for ${range.start}..${range.end}: license ${i + 1} of ${this.sources.length} failed: ${failure}`);
      this.log.info(`Usage report ${range.start}..${range.end}: ${table.room.length.toLocaleString()} meetings from ${answered.length} license(s); server and parsing ${Math.round(received - asked)} ms, report ${Math.round(performance.now() - received)} ms`);
      this.set({ phase: 'loaded', report: { summary, table, id: sequence } });
    } catch (error) {
      // A bug in counting must read as a failed report, not as a report that never comes.
      const message = failureMessage(error);
      this.log.warn(`Usage report for ${range.start}..${range.end} failed: ${message}`);
      this.set({ phase: 'failed', message });
    }
  }

  /** Loads the same days and room again. */
  retry(): Promise<void> {
    return this.load(this.currentRange, this.currentRoom);
  }

  /** The meetings the table shows for `query`, as a CSV or JSON file in the report's zone. */
  exportFile(format: 'csv' | 'json', query: TableQuery): ExportedFile {
    const state = this.current;
    if (state.phase !== 'loaded') throw new Error(l10n.t('There is no report to export yet.'));
    const { summary, table } = state.report;
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
      });
    return { text, count: rows.length };
  }

  /** The file name an export of the loaded report is offered under. */
  exportName(format: 'csv' | 'json'): string {
    return exportFileName(this.currentRange, format, this.currentRoom);
  }

  private set(state: ReportState): void {
    this.state = state;
    this.changed.fire();
  }

  dispose(): void {
    this.sequence++; // an answer still on its way is dropped
    this.changed.dispose();
  }
}

function failureMessage(error: unknown): string {
  return isApiError(error) ? error.message : l10n.t('The usage report failed: {0}', String(error));
}
