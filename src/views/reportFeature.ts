/**
 * What Open Usage Report and Show Usage for Room do: pick a date range (presets with their dates,
 * or a custom range validated as you type), remember it, open the panel. This is the entry of the
 * report's own bundle (dist/report.js), which the commands load on first use
 * (views/reportLauncher.ts): none of the report's code is loaded at activation.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addDays, checkRange, dateProblem, describeRange, type PresetId, presetRange, PRESETS, rangeProblem } from '../report/dateRange';
import { todayIn } from '../report/timeZone';
import { type DateRange } from '../shared/reportTypes';
import { ReportWorker } from '../state/reportCompute';
import { displayName } from './displayName';
import { type PanelDeps, sourcesFor, UsagePanel } from './usagePanel';

const LAST_RANGE_KEY = 'sconnector.report.lastRange';
/** The time zone last chosen on a report page. */
const ZONE_KEY = 'sconnector.report.timeZone';

interface RememberedRange {
  readonly preset?: PresetId;
  readonly start: string;
  readonly end: string;
}

interface RangeItem extends vscode.QuickPickItem {
  readonly preset?: PresetId;
  readonly range?: DateRange;
  readonly custom?: true;
}

/** A range passed by a caller (keybinding, another extension, a test) instead of asking. */
function rangeArgument(value: unknown): DateRange | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { start, end } = value as { start?: unknown; end?: unknown };
  return typeof start === 'string' && typeof end === 'string' ? { start, end } : undefined;
}

/** Licenses passed by a caller: `licenses: 'all'` or a list of ids. */
function licensesArgument(value: unknown, deps: PanelDeps): readonly string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { licenses } = value as { licenses?: unknown };
  if (licenses === 'all') return deps.licenses().map((license) => license.id);
  return Array.isArray(licenses) && licenses.every((id) => typeof id === 'string') ? licenses : undefined;
}

/** The usage report, as its commands and the panel serializer use it. */
export interface ReportFeature {
  /**
   * Opens the report for `room` (all rooms when undefined) of the licenses with `licenseIds` (or
   * those passed, or those the user picks when there are several), for the range passed or one the
   * user picks.
   */
  open(room: string | undefined, argument: unknown, licenseIds?: readonly string[]): Promise<UsagePanel | undefined>;
  /** Brings back a panel after a window reload. */
  revive(panel: vscode.WebviewPanel, state: unknown): void;
  /** The panel, while one is open. */
  openPanel(): UsagePanel | undefined;
  /** Copies the open report's figures as Markdown (or says there is none). */
  copySummary(): Promise<void>;
}

export function createReportFeature(base: PanelDeps, memento: vscode.Memento): ReportFeature {
  // This bundle has its own copy of @vscode/l10n: it reads the bundle VS Code has loaded, as
  // activate() does for the main bundle.
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  // One worker for every report of this window: it reads answers and counts totals off the
  // extension host's thread (started on the first report, stopped after a minute without work).
  const compute = new ReportWorker(path.join(__dirname, 'reportWorker.js'));
  const deps: PanelDeps = {
    ...base,
    compute,
    rememberedZone: () => {
      const zone = memento.get<unknown>(ZONE_KEY);
      return typeof zone === 'string' ? zone : undefined;
    },
    rememberZone: (timeZone) => memento.update(ZONE_KEY, timeZone),
  };
  return {
    async open(room, argument, licenseIds) {
      const given = rangeArgument(argument);
      const today = todayIn(undefined, Date.now());
      const checked = given && checkRange(given.start, given.end, today);
      if (checked?.problem !== undefined) {
        void vscode.window.showErrorMessage(checked.problem);
        return undefined;
      }
      const ids = licenseIds ?? licensesArgument(argument, deps) ?? (await pickLicenses(deps));
      if (!ids) return undefined;
      const sources = sourcesFor(deps, ids);
      if (checked) return UsagePanel.show(deps, checked.range, room, sources, performance.now());
      // The panel opens while the user chooses (its page takes a few hundred milliseconds to start),
      // showing the range the picker offers first; it closes again if they give up.
      const choices = rangeChoices(memento, today);
      const opened = UsagePanel.prepare(deps, choices.active.range ?? presetRange('last30', today), room, sources);
      // The picker goes when its panel is closed, or loads a range entered on the page itself.
      const stop = new vscode.CancellationTokenSource();
      const done = opened?.onceDoneChoosing(() => stop.cancel());
      const range = await pickRange(memento, choices, today, room, opened !== undefined, stop.token).finally(() => {
        done?.dispose();
        stop.dispose();
      });
      if (!range) opened?.closeIfUnused();
      return range ? UsagePanel.show(deps, range, room, sources, performance.now()) : undefined;
    },
    revive: (panel, state) => UsagePanel.revive(panel, deps, state),
    async copySummary() {
      const panel = UsagePanel.open;
      if (panel) await panel.copySummary();
      else void vscode.window.showInformationMessage(l10n.t('Open a usage report first: its figures are what is copied.'));
    },
    openPanel: () => UsagePanel.open,
  };
}

interface LicenseItem extends vscode.QuickPickItem {
  readonly ids: readonly string[];
}

/**
 * With several licenses: which to report on, all of them or one (the current one offered first).
 * With one: that one, without asking. Undefined when the user gives up.
 */
async function pickLicenses(deps: PanelDeps): Promise<readonly string[] | undefined> {
  const licenses = deps.licenses();
  if (licenses.length < 2) return licenses.map((license) => license.id);
  const all: LicenseItem = { label: `$(layers) ${l10n.t('All licenses')}`, description: l10n.t('{0} licenses, totalled and side by side', licenses.length), ids: licenses.map((license) => license.id) };
  const each = licenses.map((license): LicenseItem => ({ label: displayName(license.label), ...(license.current && { description: l10n.t('current') }), ids: [license.id] }));
  const current = each.find((_, i) => licenses[i]!.current);
  const chosen = await pickOne({ title: l10n.t('S-Connector usage report: which licenses?'), placeholder: l10n.t('All licenses, or one'), items: [all, ...each], active: current });
  return chosen?.ids;
}

/** A quick pick with one item already active (showQuickPick cannot do that): the chosen item, or undefined. */
async function pickOne<T extends vscode.QuickPickItem>(options: { title: string; placeholder: string; items: readonly T[]; active: T | undefined; ignoreFocusOut?: boolean; token?: vscode.CancellationToken }): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  if (options.active) pick.activeItems = [options.active];
  const chosen = await new Promise<T | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    options.token?.onCancellationRequested(() => pick.hide());
    pick.show();
  });
  pick.dispose();
  return chosen;
}

/** The range picker's items, the one it offers first, and the range last used. */
interface RangeChoices {
  readonly items: readonly RangeItem[];
  readonly active: RangeItem;
  readonly last: RememberedRange | undefined;
}

function rangeChoices(memento: vscode.Memento, today: string): RangeChoices {
  const last = memento.get<RememberedRange>(LAST_RANGE_KEY);
  const items: RangeItem[] = PRESETS.map(({ id, label }) => {
    const range = presetRange(id, today);
    return { label, description: describeRange(range), preset: id, range };
  });
  if (last && !last.preset && !rangeProblem(last.start, last.end, today)) {
    items.unshift({ label: l10n.t('Last used'), description: describeRange(last), range: { start: last.start, end: last.end } });
  }
  items.push({ label: l10n.t('Custom range…'), description: l10n.t('Enter a start and an end date'), custom: true });
  return { items, active: (last?.preset && items.find((item) => item.preset === last.preset)) || items[0]!, last };
}

/**
 * @param besidePanel the report's panel opened behind the picker: the picker stays open while the user clicks in it
 * @param token cancelled when the picker has nothing left to do (its panel closed, or loading a range of its own)
 */
async function pickRange(memento: vscode.Memento, { items, active, last }: RangeChoices, today: string, room: string | undefined, besidePanel: boolean, token: vscode.CancellationToken): Promise<DateRange | undefined> {
  const chosen = await pickOne({
    title: room ? l10n.t('Usage for room {0}', displayName(room)) : l10n.t('S-Connector usage report'),
    placeholder: l10n.t('Choose the days to report on'),
    items,
    active,
    ignoreFocusOut: besidePanel,
    token,
  });
  if (!chosen) return undefined;
  const range = chosen.custom ? await askCustomRange(today, last, token) : chosen.range;
  // Remembered for next time without the report waiting for the write (a round trip to the window).
  if (range) void memento.update(LAST_RANGE_KEY, { ...(chosen.preset && { preset: chosen.preset }), ...range } satisfies RememberedRange);
  return range;
}

async function askCustomRange(today: string, last: RememberedRange | undefined, token: vscode.CancellationToken): Promise<DateRange | undefined> {
  const start = await vscode.window.showInputBox({
    title: l10n.t('Custom range (1/2): first day'),
    prompt: l10n.t('Start date, YYYY-MM-DD'),
    value: last?.start ?? addDays(today, -29),
    ignoreFocusOut: true,
    validateInput: (value) => dateProblem(value, 'start'),
  }, token);
  if (start === undefined) return undefined;
  const end = await vscode.window.showInputBox({
    title: l10n.t('Custom range (2/2): last day, included'),
    prompt: l10n.t('End date, YYYY-MM-DD, from {0}', start.trim()),
    value: last?.end && last.end >= start.trim() ? last.end : today,
    ignoreFocusOut: true,
    validateInput: (value) => rangeProblem(start.trim(), value.trim(), today),
  }, token);
  if (end === undefined) return undefined;
  return checkRange(start, end, today).range;
}
