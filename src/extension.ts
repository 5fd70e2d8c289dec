/**
 * Composition root: builds the pieces, wires them, registers them. Nothing here waits for the
 * network or for secret storage; the first request goes out after activate() has returned.
 */
// First import: it notes when the bundle began to load (see activationClock.ts).
import { bundleLoadStarted } from './activationClock';
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { SConnectorClient } from './api/client';
import { apiUrlForLog, apiUrlProblem } from './api/apiUrl';
import { DEFAULT_HTTP_SETTINGS, HttpTransport, type RequestRecord } from './api/http';
import { TokenSource } from './api/tokens';
import { CredentialStore } from './state/credentials';
import { LICENSES_KEY, LicenseList } from './state/licenseList';
import { type LicenseParts, Licenses, type PartsSpec } from './state/licenses';
import { LiveState } from './state/liveState';
import { warningPercentFor } from './state/quota';
import { legacyAccessKey, readSettings, SECTION } from './state/settings';
import { bindContextKeys } from './views/contextKeys';
import { registerCommands } from './views/commandLauncher';
import { QuotaNotifier } from './views/quotaNotifier';
import { type MonthLauncher, registerMonth } from './views/monthLauncher';
import { registerReportCommands } from './views/reportLauncher';
import { registerRoomCommands } from './views/roomCommands';
import { SessionsTreeProvider, staleMessage, type TreeNode } from './views/sessionsTree';
import { StatusBarView } from './views/statusBar';
import type { UsagePanel } from './views/usagePanel';

/** Every module of the bundle has been evaluated by now: the time since bundleLoadStarted is loading. */
const bundleLoadMs = performance.now() - bundleLoadStarted;

/** One license as the extension builds it: its keys, token, API client and live state. */
export type ExtensionParts = LicenseParts & { readonly tokens: TokenSource; readonly client: SConnectorClient };

/** What the extension hands to its integration tests: the same objects VS Code renders. */
export interface ExtensionApi {
  readonly licenses: Licenses<ExtensionParts>;
  /** The current license's live state, keys and token (they change when another license becomes current). */
  readonly state: LiveState;
  readonly credentials: CredentialStore;
  readonly tokens: TokenSource;
  /** Signs the current license in or out, as the commands do after their prompts. */
  readonly account: { signIn(credentials: Parameters<Licenses['signIn']>[1]): Promise<void>; signOut(): Promise<void> };
  readonly tree: SessionsTreeProvider;
  /** The tree view itself: its description and message are what the user reads above the tree. */
  readonly view: vscode.TreeView<TreeNode>;
  /** How many HTTP attempts have gone out since activation. */
  readonly requestsStarted: () => number;
  readonly statusBar: StatusBarView;
  /** The usage report panel, while one is open. */
  readonly usagePanel: () => UsagePanel | undefined;
  /** The month figures and usage alerts. */
  readonly month: MonthLauncher;
  /** What the extension keeps in VS Code's global state, for the tests' secret scan. */
  readonly globalState: vscode.Memento;
  /** VS Code's real secret storage, for the tests to see what is kept there. */
  readonly secrets: vscode.SecretStorage;
  /** The global-state keys the extension gave Settings Sync. */
  readonly syncedKeys: readonly string[];
  /**
   * How long loading the bundle and activate() took, and how many requests had gone out by then
   * (none): the benchmark reads these from the log.
   */
  readonly activation: { readonly loadMs: number; readonly durationMs: number; readonly cpuMs: number; readonly requestsBeforeReturn: number; readonly licenses: number };
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
  // The process's CPU time beside the clock's: on a busy machine the clock also counts time the
  // extension host waited for a core, which its own work did not take.
  const cpuBefore = process.cpuUsage();
  const log = vscode.window.createOutputChannel('S-Connector', { log: true });
  let settings = readSettings();
  const current = () => settings;

  const http = new HttpTransport(
    () => ({ ...DEFAULT_HTTP_SETTINGS, timeoutMs: settings.requestTimeoutMs }),
    (record) => logRequest(log, record),
  );
  // The list of licenses follows the user to other machines; their secret keys do not.
  const syncedKeys = [LICENSES_KEY];
  context.globalState.setKeysForSync(syncedKeys);
  const list = new LicenseList(context.globalState, { newId: randomUUID, defaultLabel: () => settings.defaultLicense });
  const build = (spec: PartsSpec): ExtensionParts => {
    const credentials = new CredentialStore(context.secrets, {
      apiUrl: spec.apiUrl,
      secretId: spec.secretId,
      ...(spec.carriesOldSignIn && { legacyAccessKey, onMigrated: (origin: string) => log.info(`The sign-in of an earlier version was carried over, bound to ${origin}`) }),
    });
    const tokens = new TokenSource(http, () => credentials.get(), { lifetimeMinutes: () => settings.tokenLifetimeMinutes });
    const client = new SConnectorClient(http, tokens);
    const state = new LiveState(client, credentials, {
      intervalMs: () => settings.refreshIntervalMs,
      onError: (error) => log.warn(`Refresh failed for ${apiUrlForLog(spec.apiUrl())} (${error.kind}): ${error.message}`),
    });
    return { credentials, tokens, client, state };
  };
  const licenses = new Licenses(list, {
    build,
    fallbackApiUrl: () => settings.apiUrl,
    newId: randomUUID,
    onCarriedOver: (origin) => log.info(`The single sign-in of an earlier version is now the first license, bound to ${origin}`),
  });

  const warningPercent = (session: { readonly label: string }) => warningPercentFor(settings, session.label);
  // Month figures and usage alerts: a bundle loaded once the tree shows a license or an alert is set.
  const month: MonthLauncher = registerMonth({ licenses, globalState: context.globalState, settings: current, changed: (id: string): void => tree.monthChanged(id), treeVisible: (): boolean => treeView.visible });
  const tree = new SessionsTreeProvider(licenses, warningPercent, (session) => month.stateOf(session.id));
  const treeView = vscode.window.createTreeView('sconnector.sessions', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new StatusBarView(licenses, current);
  const renderTreeChrome = () => {
    const snapshot = licenses.current.snapshot;
    // With one license: the view's message says when its data is stale, or (signed out with an API
    // URL that is not valid, which hides the welcome view) why. Several licenses each say it on their node.
    treeView.message = tree.several ? undefined : staleMessage(snapshot, Date.now()) ?? (snapshot.phase === 'signedOut' ? apiUrlProblem(licenses.current.apiUrl) : undefined);
    const count = licenses.all.reduce((sum, session) => sum + (session.snapshot.rooms?.length ?? 0), 0);
    treeView.badge = count ? { value: count, tooltip: count === 1 ? l10n.t('1 live room') : l10n.t('{0} live rooms', count) } : undefined;
  };

  const reportLicenses = () => licenses.all.map((session) => ({
    id: session.id,
    label: session.label,
    source: session.parts.client,
    current: session === licenses.current,
    limit: () => {
      const license = session.snapshot.license;
      return license && { roomLimit: license.roomLimit, warningPercent: warningPercent(session) };
    },
    monthToDate: () => month.forecast(session.id),
  }));
  // The month figure is asked for only while the tree shows it or a monthly alert needs it, and
  // then at most every 15 minutes (MonthToDate keeps it that long): a poll asks nothing more.
  const refreshMonths = () => month.refresh();
  const monthTimer = setInterval(refreshMonths, 60_000);
  const report = registerReportCommands({ extensionUri: context.extensionUri, licenses: reportLicenses, log }, context.globalState);
  context.subscriptions.push(
    log, list, licenses, tree, treeView, statusBar, month,
    { dispose: () => clearInterval(monthTimer) },
    licenses.onDidChangeLive(refreshMonths),
    treeView.onDidChangeVisibility(refreshMonths),
    new QuotaNotifier(licenses, context.globalState, warningPercent),
    bindContextKeys(licenses, treeView),
    registerCommands({ licenses, http, settings: current, log }),
    registerRoomCommands(licenses),
    report,
    vscode.commands.registerCommand('sconnector.showLog', () => log.show(true)),
    licenses.onDidChangeLive(renderTreeChrome),
    licenses.onDidChange(renderTreeChrome),
    treeView.onDidChangeVisibility((event) => licenses.setDemand({ viewVisible: event.visible })),
    vscode.window.onDidChangeWindowState((event) => licenses.setDemand({ focused: event.focused })),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      const before = settings;
      settings = readSettings();
      if (settings.apiUrl !== before.apiUrl) {
        // Only a license not yet signed in follows the setting; each stored key stays bound to its origin.
        log.info(`API URL setting changed to ${apiUrlForLog(settings.apiUrl)}`);
        licenses.fallbackApiUrlChanged();
        renderTreeChrome();
      }
      if (settings.defaultLicense !== before.defaultLicense) {
        const named = list.byLabel(settings.defaultLicense);
        if (named) void list.setCurrent(named.id);
      }
      if (JSON.stringify(settings.alerts) !== JSON.stringify(before.alerts)) month.alertsChanged();
      if (settings.quotaWarningPercent !== before.quotaWarningPercent || JSON.stringify(settings.licenseThresholds) !== JSON.stringify(before.licenseThresholds)) tree.redrawAll();
      statusBar.render();
      licenses.setDemand({ statusBarShown: statusBar.shown });
    }),
  );

  licenses.setDemand({ focused: vscode.window.state.focused, viewVisible: treeView.visible, statusBarShown: statusBar.shown });
  licenses.start();
  const cpu = process.cpuUsage(cpuBefore);
  const activation = { loadMs: bundleLoadMs, durationMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, requestsBeforeReturn: http.requestsStarted, licenses: licenses.all.length };
  const { version } = context.extension.packageJSON as { version?: unknown };
  log.info(`S-Connector ${String(version)} activated in ${activation.durationMs.toFixed(2)} ms (bundle loaded in ${activation.loadMs.toFixed(2)} ms; ${activation.cpuMs.toFixed(2)} ms of CPU) with ${activation.requestsBeforeReturn} requests sent; ${activation.licenses} license(s), the current one at ${apiUrlForLog(licenses.current.apiUrl)}`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    licenses,
    get state() {
      return licenses.current.state;
    },
    get credentials() {
      return licenses.current.credentials;
    },
    get tokens() {
      return licenses.current.parts.tokens;
    },
    account: {
      signIn: (credentials) => licenses.signIn(licenses.current, credentials),
      signOut: () => licenses.current.account.signOut(),
    },
    tree, view: treeView, requestsStarted: () => http.requestsStarted, statusBar, usagePanel: () => report.openPanel(), month, globalState: context.globalState, secrets: context.secrets, syncedKeys, activation,
  };
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
