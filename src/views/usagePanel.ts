/**
 * The usage report panel: hosts the webview page, asks the API for a range, aggregates, and sends
 * the page one message to render. Page and host talk only by checked messages; the page is shown
 * under a strict Content-Security-Policy (scripts by nonce, styles and fonts only from dist/webview).
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { SConnectorClient } from '../api/client';
import { ApiError } from '../api/errors';
import { aggregate, toMeetingTable, totalsDiffer } from '../report/aggregate';
import { isTimeZone, presetRange, rangeProblem, todayIn } from '../report/dateRange';
import { exportFileName, toCsv, toJson } from '../report/exportFile';
import { selectRows } from '../report/tableView';
import { DateRange, MeetingTable, TableQuery } from '../report/types';
import { displayName } from './displayName';
import { bundleScriptText, escapeHtml, htmlLang, L10N_BUNDLE_ELEMENT_ID } from './pageL10n';
import { HostMessage, PageMessage, parsePageMessage, parsePanelState, ReportPayload, toWire } from './protocol';

export const USAGE_VIEW_TYPE = 'sconnector.usageReport';

interface Loaded {
  readonly payload: ReportPayload;
  readonly table: MeetingTable;
}

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly client: SConnectorClient;
  readonly log: vscode.LogOutputChannel;
}

export class UsagePanel implements vscode.Disposable {
  private static current: UsagePanel | undefined;
  private range: DateRange;
  private room: string | undefined;
  /** The user's zone as the page reports it; the extension host's until then. */
  private timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  private utc = false;
  private loaded: Loaded | undefined;
  private pageReady = false;
  /** The latest message the page has not been able to take yet (before its ready handshake). */
  private pending: HostMessage | undefined;
  private loadSequence = 0;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last message posted (whether or not the page has taken it yet): what the tests read. */
  lastMessage: HostMessage | undefined;

  /** Opens the report for a range (and room), reusing the open panel. */
  static show(deps: PanelDeps, range: DateRange, room?: string): UsagePanel {
    if (UsagePanel.current) {
      UsagePanel.current.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(USAGE_VIEW_TYPE, l10n.t('S-Connector Usage'), vscode.ViewColumn.Active, panelOptions(deps.extensionUri));
      UsagePanel.current = new UsagePanel(panel, deps, range, room);
    }
    void UsagePanel.current.load(range, room);
    return UsagePanel.current;
  }

  /** Brings back a panel after a window reload, with the range it showed. */
  static revive(panel: vscode.WebviewPanel, deps: PanelDeps, state: unknown): void {
    const saved = parsePanelState(state);
    const range = saved?.range ?? presetRange('last30', todayIn(undefined, Date.now()));
    panel.webview.options = panelOptions(deps.extensionUri);
    UsagePanel.current?.dispose();
    UsagePanel.current = new UsagePanel(panel, deps, range, saved?.room);
    UsagePanel.current.utc = saved?.utc ?? false;
    void UsagePanel.current.load(range, saved?.room);
  }

  static get open(): UsagePanel | undefined {
    return UsagePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    range: DateRange,
    room: string | undefined,
  ) {
    this.range = range;
    this.room = room;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'sconnector.svg');
    panel.webview.html = pageHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
    );
  }

  /** Asks the server for the range and renders it; a newer load supersedes an older one. */
  async load(range: DateRange, room: string | undefined): Promise<void> {
    const sequence = ++this.loadSequence;
    this.range = range;
    this.room = room;
    this.panel.title = room ? l10n.t('S-Connector Usage: {0}', displayName(room)) : l10n.t('S-Connector Usage');
    this.post({ type: 'loading', range, ...(room !== undefined && { room }) });
    try {
      const asked = performance.now();
      const usage = await this.deps.client.usage(range);
      if (sequence !== this.loadSequence) return;
      const received = performance.now();
      const table = toMeetingTable(usage.records, room);
      const payload: ReportPayload = {
        range,
        ...(room !== undefined && { room }),
        timeZone: this.zone(),
        domain: usage.domain,
        table: toWire(table),
        aggregates: aggregate(table, range, this.zone()),
        serverTotalSeconds: usage.totalSeconds,
        totalsDiffer: room === undefined && totalsDiffer(usage.totalSeconds, table),
        skipped: usage.skipped,
        fetchedAt: Date.now(),
      };
      this.loaded = { payload, table };
      this.deps.log.info(`Usage report ${range.start}..${range.end}: ${usage.records.length.toLocaleString()} records; server and parsing ${Math.round(received - asked)} ms, report ${Math.round(performance.now() - received)} ms`);
      this.post({ type: 'report', report: payload });
    } catch (error) {
      if (sequence !== this.loadSequence) return;
      const message = error instanceof ApiError ? error.message : l10n.t('The usage report failed: {0}', String(error));
      this.deps.log.warn(`Usage report for ${range.start}..${range.end} failed: ${message}`);
      this.post({ type: 'error', range, ...(room !== undefined && { room }), message });
    }
  }

  /** Writes the meetings the table shows now to `target`, as CSV or JSON. Returns how many. */
  async exportTo(format: 'csv' | 'json', query: TableQuery, target: vscode.Uri): Promise<number> {
    const loaded = this.loaded;
    if (!loaded) throw new Error(l10n.t('There is no report to export yet.'));
    const rows = selectRows(loaded.table, query);
    const zone = this.zone();
    const text = format === 'csv'
      ? toCsv(loaded.table, rows, zone)
      : toJson(loaded.table, rows, {
        range: loaded.payload.range,
        timeZone: zone,
        ...(loaded.payload.room !== undefined && { room: loaded.payload.room }),
        filter: query.filter,
        exportedAt: Date.now(),
        domain: loaded.payload.domain,
      });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    return rows.length;
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.deps.log.warn('Ignored a malformed message from the usage report page');
      return;
    }
    await this.handle(message);
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        if (isTimeZone(message.timeZone)) this.timeZone = message.timeZone;
        this.pageReady = true;
        const pending = this.pending;
        this.pending = undefined;
        // Days counted in the host's zone would be wrong for this user: count again in theirs.
        if (pending?.type === 'report' && pending.report.timeZone !== this.zone()) this.reaggregate(true);
        else if (pending) this.post(pending);
        return;
      }
      case 'setTimeZone':
        this.utc = message.timeZone === 'UTC';
        this.reaggregate(false);
        return;
      case 'setRange': {
        const problem = rangeProblem(message.start, message.end, todayIn(this.timeZone, Date.now()));
        if (problem) {
          void vscode.window.showErrorMessage(problem);
          return;
        }
        await this.load({ start: message.start, end: message.end }, this.room);
        return;
      }
      case 'showAllRooms':
        await this.load(this.range, undefined);
        return;
      case 'retry':
        await this.load(this.range, this.room);
        return;
      case 'export':
        await this.exportWithDialog(message.format, message.query);
        return;
      case 'rendered':
        this.deps.log.info(`Usage report drawn by the page in ${Math.round(message.ms)} ms`);
        return;
    }
  }

  private reaggregate(asReport: boolean): void {
    const loaded = this.loaded;
    if (!loaded) return;
    const zone = this.zone();
    const aggregates = aggregate(loaded.table, loaded.payload.range, zone);
    this.loaded = { table: loaded.table, payload: { ...loaded.payload, timeZone: zone, aggregates } };
    this.post(asReport ? { type: 'report', report: this.loaded.payload } : { type: 'aggregates', timeZone: zone, aggregates });
  }

  private async exportWithDialog(format: 'csv' | 'json', query: TableQuery): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const name = exportFileName(loaded.payload.range, format, loaded.payload.room);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await vscode.window.showSaveDialog({
      title: l10n.t('Export usage as {0}', format.toUpperCase()),
      defaultUri: vscode.Uri.joinPath(folder, name),
      // File-type names, the same in every language.
      filters: format === 'csv' ? { 'CSV (Excel)': ['csv'] } : { JSON: ['json'] },
      saveLabel: l10n.t('Export'),
    });
    if (!target) return;
    try {
      const count = await this.exportTo(format, query, target);
      const where = vscode.workspace.asRelativePath(target);
      const open = l10n.t({ message: 'Open', comment: ['A button: opens the exported file.'] });
      const choice = await vscode.window.showInformationMessage(
        count === 1 ? l10n.t('Exported 1 meeting to {0}.', where) : l10n.t('Exported {0} meetings to {1}.', count.toLocaleString(), where),
        open,
      );
      if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t('Could not write {0}: {1}', target.fsPath, error instanceof Error ? error.message : String(error)));
    }
  }

  private zone(): string {
    return this.utc ? 'UTC' : this.timeZone;
  }

  private post(message: HostMessage): void {
    this.lastMessage = message;
    if (!this.pageReady) {
      this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (UsagePanel.current === this) UsagePanel.current = undefined;
    this.loadSequence++;
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // Only the page's own bundle and the icon: nothing else of the extension is readable from it.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    retainContextWhenHidden: false,
  };
}

/**
 * The page's HTML: fixed markup, two resources, and the translations for VS Code's display
 * language (the same bundle the extension uses, as a JSON data block: see pageL10n.ts); all data
 * arrives later by message.
 */
export function pageHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  bundle: Readonly<Record<string, unknown>> | undefined = vscode.l10n.bundle,
  language: string = vscode.env.language,
): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  const csp = [
    "default-src 'none'",
    // Nothing in the page may change where relative URLs point, or submit a form anywhere.
    "base-uri 'none'",
    "form-action 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${htmlLang(language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('report.css')}">
<title>${escapeHtml(l10n.t('S-Connector Usage'))}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script type="application/json" id="${L10N_BUNDLE_ELEMENT_ID}">${bundleScriptText(bundle)}</script>
<script nonce="${nonce}" src="${asset('report.js')}"></script>
</body>
</html>`;
}
