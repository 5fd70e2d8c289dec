/**
 * The usage report panel: the webview's lifecycle, and the messages between the page and the
 * report model (state/usageReport.ts). It renders the model's state as messages, and turns what
 * the user does on the page into calls on the model; it computes nothing and asks no server.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { checkRange, presetRange } from '../report/dateRange';
import { todayIn } from '../report/timeZone';
import { epochNow, type ExportFormat, type HostMessage, type PageMessage, parsePageMessage, parsePanelState, toWire, toWireInSlices } from '../shared/protocol';
import { type DateRange, type MeetingTable, type TableQuery } from '../shared/reportTypes';
import type { ReportCompute } from '../state/reportCompute';
import { LoadWatch } from '../state/loadWatch';
import { askedOnPage, CHOSEN_AT, DRAWN_AT, FIRST_SO_FAR, GAP_CPU, LONGEST_GAP, memoryLine, PAGE_READY, stagesLine, stagesOf, tailFigures } from '../state/reportStages';
import { type LoadedReport, type LoadProgress, type ReportLog, type ReportSource, UsageReport } from '../state/usageReport';
import { displayName } from './displayName';
import { copySummary, exportTo, exportWithDialog } from './reportExport';
import { pageHtml, panelOptions } from './reportHtml';
import { USAGE_VIEW_TYPE } from './reportViewType';


/** A license the report can ask: what ReportSource needs, and whether it is the current one. */
export interface ReportLicenseChoice extends ReportSource {
  readonly current: boolean;
}

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  /** Every license as it is now; a report keeps the clients it was opened with. */
  readonly licenses: () => readonly ReportLicenseChoice[];
  readonly log: ReportLog & Pick<vscode.LogOutputChannel, 'info' | 'warn'>;
  /** The zone last chosen on a report page, for the next one; undefined for the user's own. */
  readonly rememberedZone?: () => string | undefined;
  readonly rememberZone?: (timeZone: string | undefined) => Thenable<void>;
  /** Where answers are read and totals counted: a worker thread (the extension's), or this thread. */
  readonly compute?: ReportCompute;
}

/** The licenses with these ids (those still there), or the current one when none is named or left. */
export function sourcesFor(deps: PanelDeps, ids: readonly string[] | undefined): ReportSource[] {
  const all = deps.licenses();
  const named = ids ? all.filter((license) => ids.includes(license.id)) : [];
  return named.length > 0 ? named : all.filter((license) => license.current).slice(0, 1);
}

export class UsagePanel implements vscode.Disposable {
  private static current: UsagePanel | undefined;
  readonly report: UsageReport;
  private pageReady = false;
  /** The report whose table this page has been sent, so that a repeat sends the summary only. */
  private tableSent: number | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** When each report's and table's message was posted to the page (epoch ms), until the page says it drew it. */
  private readonly posted = new Map<string, number>();
  private readonly timed = new Set<string>();
  /** The report last rendered, whose stages the page's `rendered` messages complete. */
  private shown: LoadedReport | undefined;
  /** Watches the extension host while a report loads (state/loadWatch.ts), until its table is on screen. */
  private watch: LoadWatch | undefined;
  /** The current state's messages for the page (sent, or waiting for the page to be ready), the meetings aside. */
  private messages: readonly HostMessage[] = [];
  /** The current report's meetings, until they go to the page (once it has painted the totals). */
  private meetings: { readonly id: number; readonly table: MeetingTable } | undefined;
  /** The meetings' message, once sent. */
  private sentTable: HostMessage | undefined;
  /** How far the load under way has come, with the last figures so far told: what a page that gets ready while it loads is sent. */
  private progress: LoadProgress | undefined;
  /** When (performance.now()) the page last said it was ready: for the stages line of a report it opened beside. */
  private readyAt: number | undefined;
  /** The range pickers this panel was opened (or kept) for that are still open. */
  private choosers = 0;

  /** Opens the report for a range (and room) of these licenses, reusing the open panel. */
  /** `asked`: when the user chose the range (performance.now()), where the report's timing starts. */
  static show(deps: PanelDeps, range: DateRange, room: string | undefined, sources: readonly ReportSource[], asked = performance.now()): UsagePanel {
    const open = UsagePanel.current;
    if (open && sameSources(open.report.sources, sources)) {
      open.panel.reveal(undefined, false);
    } else {
      // Other licenses are another report: a new model in a panel where the old one was.
      const column = open?.panel.viewColumn ?? vscode.ViewColumn.Active;
      open?.dispose();
      const panel = vscode.window.createWebviewPanel(USAGE_VIEW_TYPE, l10n.t('S-Connector Usage'), column, panelOptions(deps.extensionUri));
      UsagePanel.current = new UsagePanel(panel, deps, range, room, sources);
      UsagePanel.current.report.setZone(deps.rememberedZone?.());
    }
    void UsagePanel.current!.report.load(range, room, asked);
    return UsagePanel.current!;
  }

  /**
   * Opens the report's panel before its range is chosen, when no report is open: VS Code takes a
   * few hundred milliseconds to open a webview and start its page, which then overlap the user's
   * choosing instead of following it. The page shows `range` in its fields, and `show` loads the
   * range chosen into it. Undefined when a report is open already (it is reused, or replaced once
   * the range is chosen: never before, so that giving up keeps it).
   */
  static prepare(deps: PanelDeps, range: DateRange, room: string | undefined, sources: readonly ReportSource[]): UsagePanel | undefined {
    const open = UsagePanel.current;
    if (open) {
      // The command run again while its first picker is open: that picker closes, the panel stays for this one.
      if (open.report.phase !== 'choosing' || !sameSources(open.report.sources, sources)) return undefined;
      open.choosers++;
      return open;
    }
    // The range picker keeps the focus: the panel opens beside it, behind the picker.
    const panel = vscode.window.createWebviewPanel(USAGE_VIEW_TYPE, l10n.t('S-Connector Usage'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: true }, panelOptions(deps.extensionUri));
    const prepared = new UsagePanel(panel, deps, range, room, sources);
    UsagePanel.current = prepared;
    prepared.report.setZone(deps.rememberedZone?.());
    prepared.choosers = 1;
    deps.compute?.warm?.(); // the report's worker starts meanwhile too
    return prepared;
  }

  /**
   * Fires once the panel no longer waits for a range to be chosen: closed, or a load started (from
   * the page's own fields, say). The picker opened with it then has nothing left to do.
   */
  onceDoneChoosing(listener: () => void): vscode.Disposable {
    let done = false;
    const fire = () => {
      if (done) return;
      done = true;
      subscriptions.dispose();
      listener();
    };
    const subscriptions = vscode.Disposable.from(
      this.panel.onDidDispose(fire),
      this.report.onDidChange(() => {
        if (this.report.phase !== 'choosing') fire();
      }),
    );
    return subscriptions;
  }

  /** A picker opened with this panel is gone unanswered: the last one closes the panel if nothing was ever asked in it. */
  closeIfUnused(): void {
    this.choosers = Math.max(0, this.choosers - 1);
    if (this.choosers === 0 && this.report.phase === 'choosing') this.dispose();
  }

  /** Brings back a panel after a window reload, with the range it showed. */
  static revive(panel: vscode.WebviewPanel, deps: PanelDeps, state: unknown): void {
    const saved = parsePanelState(state);
    if (saved?.choosing) {
      // Its picker went with the window: nothing was asked, and nothing is asked now.
      panel.dispose();
      return;
    }
    const range = saved?.range ?? presetRange('last30', todayIn(undefined, Date.now()));
    panel.webview.options = panelOptions(deps.extensionUri);
    UsagePanel.current?.dispose();
    UsagePanel.current = new UsagePanel(panel, deps, range, saved?.room, sourcesFor(deps, saved?.licenses));
    UsagePanel.current.report.setZone(saved?.timeZone ?? deps.rememberedZone?.());
    void UsagePanel.current.report.load(range, saved?.room);
  }

  static get open(): UsagePanel | undefined {
    return UsagePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    range: DateRange,
    room: string | undefined,
    sources: readonly ReportSource[],
  ) {
    this.report = new UsageReport(sources, deps.log, range, room, Date.now, deps.compute);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'sconnector.svg');
    panel.webview.html = pageHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      this.report,
      this.report.onDidChange(() => {
        this.progress = undefined;
        this.render();
      }),
      this.report.onDidProgress((progress) => {
        // A figure so far stays until another comes: a page that gets ready meanwhile is sent the last.
        const soFar = progress.soFar ?? this.progress?.soFar;
        this.progress = { ...progress, ...(soFar && { soFar }) };
        if (this.pageReady) void this.panel.webview.postMessage({ type: 'progress', ...progress } satisfies HostMessage);
      }),
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      // A hidden page is dropped (retainContextWhenHidden is off); shown again, it starts afresh.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.pageReady = false;
      }),
    );
  }

  /** Writes the meetings the table shows now to `target`, as CSV or JSON. Returns how many. */
  exportTo(format: ExportFormat, query: TableQuery, target: vscode.Uri): Promise<number> {
    return exportTo(this.report, format, query, target);
  }

  /** Copies the report's figures to the clipboard as Markdown. */
  copySummary(): Promise<boolean> {
    return copySummary(this.report);
  }

  /** The model's state as messages for the page: a report goes as its summary, then its table. */
  private render(): void {
    const { report } = this;
    const room = report.room;
    const { sources } = report;
    const about = sources.length > 1 ? l10n.t('All licenses') : sources.length === 1 && this.deps.licenses().length > 1 ? displayName(sources[0]!.label) : undefined;
    const subject = [about, room !== undefined ? displayName(room) : undefined].filter(Boolean).join(' · ');
    this.panel.title = subject ? l10n.t('S-Connector Usage: {0}', subject) : l10n.t('S-Connector Usage');
    const state = report.current;
    const messages: HostMessage[] = [];
    /** The meetings, when the page needs them: the largest message by far, sent after the rest. */
    let meetings: { readonly id: number; readonly table: MeetingTable } | undefined;
    switch (state.phase) {
      case 'choosing':
        messages.push({ type: 'choosing', range: report.range, ...(room !== undefined && { room }) });
        break;
      case 'loading':
        messages.push({ type: 'loading', range: report.range, ...(room !== undefined && { room }) });
        this.tableSent = undefined;
        break;
      case 'failed':
        messages.push({ type: 'error', range: report.range, ...(room !== undefined && { room }), message: state.message });
        this.tableSent = undefined;
        break;
      case 'loaded': {
        this.shown = state.report;
        const { id, summary, table } = state.report;
        messages.push({ type: 'report', id, report: summary });
        if (this.tableSent !== id) meetings = { id, table };
        break;
      }
    }
    if (state.phase === 'loading') {
      this.watch?.stop();
      this.watch = new LoadWatch();
    }
    this.messages = messages;
    this.meetings = meetings;
    this.sentTable = undefined;
    // No page yet: it is sent all of this once it says it is ready. The totals leave alone; the
    // meetings (a megabyte at 100,000) only once the page says it has painted the totals, so that
    // they never share the way to the page with them.
    if (this.pageReady) this.post(messages);
  }

  /**
   * What the panel has for the page now: the current state's messages, then the meetings, sent or
   * as they would be sent (put in the wire form only here, for the tests that read it).
   */
  lastMessages(): readonly HostMessage[] {
    const table = this.sentTable ?? (this.meetings && { type: 'table', id: this.meetings.id, table: toWire(this.meetings.table) });
    return table ? [...this.messages, table] : this.messages;
  }

  /**
   * Sends the meetings waiting for report `id`'s totals to be painted, put in the wire form a slice
   * per task (at 500,000 meetings the whole would hold the extension host's thread for tens of ms).
   */
  private async sendTable(id: number): Promise<void> {
    const { meetings, messages } = this;
    if (meetings?.id !== id) return;
    this.meetings = undefined; // taken: the same totals painted again send nothing more
    const wire = await toWireInSlices(meetings.table);
    if (this.messages !== messages || !this.pageReady) return; // another state came meanwhile
    const table: HostMessage = { type: 'table', id, table: wire };
    this.tableSent = id;
    this.sentTable = table;
    this.post([table]);
  }

  /** Posts messages to the page, noting when each report's parts first left. */
  private post(messages: readonly HostMessage[]): void {
    const postedAt = epochNow();
    for (const message of messages) {
      if (message.type === 'report' || message.type === 'table') {
        const key = `${message.type}:${message.id}`;
        // The first time a report's part leaves is its walk's; the same report again (the period
        // before or the month added) is not a new walk.
        if (!this.timed.has(key) && !this.posted.has(key)) this.posted.set(key, postedAt);
      }
      void this.panel.webview.postMessage(message);
    }
  }

  /** Logs the stages of report `id`'s part, once the page says it drew it. */
  private logStages(part: 'summary' | 'table', id: number, receivedAt: number, drawnAt: number): void {
    const shown = this.shown;
    const key = `${part === 'summary' ? 'report' : 'table'}:${id}`;
    const postedAt = this.posted.get(key);
    if (shown?.id !== id || postedAt === undefined || !shown.timing) return;
    this.posted.delete(key);
    this.timed.add(key);
    // Where the walk starts and ends on the machine's clock, so that the benchmark can tell its own
    // click or key press, and its noticing the drawing, from the extension's stages.
    const extra: Record<string, number> = { [CHOSEN_AT]: performance.timeOrigin + shown.timing.asked, [DRAWN_AT]: drawnAt, ...tailFigures(shown.timing) };
    const watched = part === 'table' ? this.watch?.stop() : undefined;
    if (part === 'table') this.watch = undefined;
    if (watched) extra['longest event-loop block'] = watched.longestBlockMs;
    if (part === 'summary' && this.readyAt !== undefined && this.readyAt > shown.timing.asked) extra[PAGE_READY] = this.readyAt - shown.timing.asked;
    if (part === 'summary' && shown.timing.soFarTold !== undefined) extra[FIRST_SO_FAR] = shown.timing.soFarTold - shown.timing.asked;
    if (watched?.longestGap) {
      // Whether the thread ran in its longest gap, or waited for a core that other work held.
      extra[LONGEST_GAP] = watched.longestGap.ms;
      extra[GAP_CPU] = watched.longestGap.cpuMs;
    }
    this.deps.log.info(stagesLine(part, shown.table.room.length, stagesOf(shown.timing, { postedAt, receivedAt, drawnAt }), extra));
    if (watched) this.deps.log.info(memoryLine(shown.table.room.length, watched.heapPeakBytes));
  }

  private async receive(raw: unknown): Promise<void> {
    const received = performance.now();
    const message = parsePageMessage(raw);
    if (!message) {
      this.deps.log.warn('Ignored a malformed message from the usage report page');
      return;
    }
    await this.handle(message, received);
  }

  /** `received`: when the message came (performance.now()), where a new load's timing starts. */
  private async handle(message: PageMessage, received: number): Promise<void> {
    const { report } = this;
    switch (message.type) {
      case 'ready':
        // A new page (first load, or shown again after being hidden) has nothing: send it all.
        report.setUserZone(message.timeZone);
        this.pageReady = true;
        this.readyAt = received;
        this.tableSent = undefined;
        this.render();
        // A new page opened while the answer arrives: it shows how far it has come, and the figures so far, at once.
        if (this.progress) void this.panel.webview.postMessage({ type: 'progress', ...this.progress } satisfies HostMessage);
        return;
      case 'setTimeZone':
        // The page counts its totals again itself; the model follows for exports and a later page,
        // and the choice is remembered for the next report ('' for the user's own zone).
        report.setZone(message.timeZone || undefined);
        void this.deps.rememberZone?.(report.chosenTimeZone);
        return;
      case 'setRange': {
        const checked = checkRange(message.start, message.end, todayIn(report.timeZone, Date.now()));
        if (checked.problem !== undefined) {
          void vscode.window.showErrorMessage(checked.problem);
          return;
        }
        await report.load(checked.range, report.room, askedOnPage(message.askedAt, received));
        return;
      }
      case 'showAllRooms':
        await report.load(report.range, undefined, received);
        return;
      case 'retry':
        await report.retry();
        return;
      case 'cancel':
        report.cancel();
        return;
      case 'export':
        await exportWithDialog(report, message.format, message.query);
        return;
      case 'copySummary':
        await copySummary(report);
        return;
      case 'rendered':
        if (message.part === 'summary') await this.sendTable(message.id);
        this.logStages(message.part, message.id, message.receivedAt, message.drawnAt);
        return;
    }
  }

  dispose(): void {
    this.watch?.stop();
    if (UsagePanel.current === this) UsagePanel.current = undefined;
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function sameSources(a: readonly ReportSource[], b: readonly ReportSource[]): boolean {
  return a.length === b.length && a.every((source, i) => source.id === b[i]!.id);
}
