/**
 * Composition root: builds the pieces, wires them, registers them. Nothing here waits for the
 * network or for secret storage; the first request goes out after activate() has returned.
 */
// First import: it notes when the bundle began to load (see activationClock.ts).
import { bundleLoadStarted } from './activationClock';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { SConnectorClient } from './api/client';
import { apiUrlForLog, apiUrlProblem, originOf } from './api/apiUrl';
import { DEFAULT_HTTP_SETTINGS, HttpTransport, type RequestRecord } from './api/http';
import { TokenSource } from './api/tokens';
import { Account } from './state/account';
import { CredentialStore } from './state/credentials';
import { LiveState } from './state/liveState';
import { legacyAccessKey, readSettings, SECTION } from './state/settings';
import { registerAccountCommands } from './views/accountCommands';
import { bindContextKeys } from './views/contextKeys';
import { QuotaNotifier } from './views/quotaNotifier';
import { registerReportCommands } from './views/reportLauncher';
import { registerRoomCommands } from './views/roomCommands';
import { SessionsTreeProvider, staleMessage, type TreeNode } from './views/sessionsTree';
import { StatusBarView } from './views/statusBar';
import type { UsagePanel } from './views/usagePanel';

/** Every module of the bundle has been evaluated by now: the time since bundleLoadStarted is loading. */
const bundleLoadMs = performance.now() - bundleLoadStarted;

/** What the extension hands to its integration tests: the same objects VS Code renders. */
export interface ExtensionApi {
  readonly state: LiveState;
  readonly tree: SessionsTreeProvider;
  /** The tree view itself: its description and message are what the user reads above the tree. */
  readonly view: vscode.TreeView<TreeNode>;
  /** How many HTTP attempts have gone out since activation. */
  readonly requestsStarted: () => number;
  readonly statusBar: StatusBarView;
  readonly account: Account;
  readonly tokens: TokenSource;
  readonly credentials: CredentialStore;
  /** The usage report panel, while one is open. */
  readonly usagePanel: () => UsagePanel | undefined;
  /** What the extension keeps in VS Code's global state, for the tests' secret scan. */
  readonly globalState: vscode.Memento;
  /**
   * How long loading the bundle and activate() took, and how many requests had gone out by then
   * (none): the benchmark reads these from the log.
   */
  readonly activation: { readonly loadMs: number; readonly durationMs: number; readonly requestsBeforeReturn: number };
}

/**
 * The test API is handed out only to the extension's own integration tests: `activate()`'s return
 * value is readable by every other extension (`getExtension(...).exports`), and these objects hold
 * the keys and tokens. Outside `ExtensionMode.Test` nothing is exported.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  // First of all: every l10n.t from here on (all of src/ uses @vscode/l10n, which api/ and report/
  // need since they do not import vscode) reads the bundle VS Code has already loaded for its
  // display language. No file is read; in English there is no bundle and l10n.t returns the
  // English text as written. No module calls l10n.t at import time, so nothing ran before this.
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  const started = performance.now();
  const log = vscode.window.createOutputChannel('S-Connector', { log: true });
  let settings = readSettings();
  const current = () => settings;

  const http = new HttpTransport(
    () => ({ ...DEFAULT_HTTP_SETTINGS, timeoutMs: settings.requestTimeoutMs }),
    (record) => logRequest(log, record),
  );
  const credentials = new CredentialStore(context.secrets, {
    apiUrl: () => settings.apiUrl,
    legacyAccessKey,
    onMigrated: (origin) => log.info(`The earlier sign-in was carried over, bound to ${origin}`),
  });
  const tokens = new TokenSource(http, () => credentials.get(), { lifetimeMinutes: () => settings.tokenLifetimeMinutes });
  const client = new SConnectorClient(http, tokens);
  const account = new Account(tokens, credentials);
  const state = new LiveState(client, credentials, {
    intervalMs: () => settings.refreshIntervalMs,
    onError: (error) => log.warn(`Refresh failed (${error.kind}): ${error.message}`),
  });

  const tree = new SessionsTreeProvider(state, () => settings.quotaWarningPercent);
  const treeView = vscode.window.createTreeView('sconnector.sessions', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new StatusBarView(state, current);
  const renderTreeChrome = () => {
    const snapshot = state.snapshot;
    // Signed out with an API URL that is not valid: the message (which hides the welcome view) says why.
    treeView.message = staleMessage(snapshot, Date.now()) ?? (snapshot.phase === 'signedOut' ? apiUrlProblem(settings.apiUrl) : undefined);
    const count = snapshot.rooms?.length;
    treeView.badge = count ? { value: count, tooltip: count === 1 ? l10n.t('1 live room') : l10n.t('{0} live rooms', count) } : undefined;
  };

  const report = registerReportCommands({ extensionUri: context.extensionUri, client, log }, context.globalState);
  context.subscriptions.push(
    log, credentials, state, tree, treeView, statusBar,
    new QuotaNotifier(state, context.globalState, () => settings.quotaWarningPercent),
    bindContextKeys(state, credentials, treeView),
    registerAccountCommands(account, credentials, current, log),
    registerRoomCommands(state),
    report,
    vscode.commands.registerCommand('sconnector.showLog', () => log.show(true)),
    state.onDidChange(renderTreeChrome),
    treeView.onDidChangeVisibility((event) => state.setDemand({ viewVisible: event.visible })),
    vscode.window.onDidChangeWindowState((event) => state.setDemand({ focused: event.focused })),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      const before = settings;
      settings = readSettings();
      if (settings.apiUrl !== before.apiUrl) {
        // The stored key stays bound to its origin: another origin reads as signed out there.
        log.info(`API URL changed to ${apiUrlForLog(settings.apiUrl)}`);
        tokens.reset(); // a token from one server means nothing to another
        credentials.apiUrlChanged();
        renderTreeChrome();
        if (originOf(settings.apiUrl) === originOf(before.apiUrl)) void state.refresh();
      }
      statusBar.render();
      state.setDemand({ statusBarShown: statusBar.shown });
    }),
  );

  state.setDemand({ focused: vscode.window.state.focused, viewVisible: treeView.visible, statusBarShown: statusBar.shown });
  state.start();
  const activation = { loadMs: bundleLoadMs, durationMs: performance.now() - started, requestsBeforeReturn: http.requestsStarted };
  const { version } = context.extension.packageJSON as { version?: unknown };
  log.info(`S-Connector ${String(version)} activated in ${activation.durationMs.toFixed(2)} ms (bundle loaded in ${activation.loadMs.toFixed(2)} ms) with ${activation.requestsBeforeReturn} requests sent; API at ${apiUrlForLog(settings.apiUrl)}`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { state, tree, view: treeView, requestsStarted: () => http.requestsStarted, statusBar, account, tokens, credentials, usagePanel: () => report.openPanel(), globalState: context.globalState, activation };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function logRequest(log: vscode.LogOutputChannel, record: RequestRecord): void {
  const retry = record.attempt > 1 ? ` (attempt ${record.attempt})` : '';
  const line = `${record.method} ${record.path} → ${record.status ?? record.error} in ${Math.round(record.durationMs)} ms${retry}`;
  if (record.error) log.warn(line);
  else log.info(line);
}
