/**
 * The status bar item: the current license's live rooms against its room limit, coloured by how
 * full it is. With several licenses its tooltip lists each, and it turns to a warning when any
 * license crosses its threshold.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type LicenseSession, type LicenseView } from '../state/licenses';
import { type LiveSnapshot } from '../state/liveState';
import { levelOfCounts, quotaLevel, type QuotaLevel, quotaPercent, warningPercentFor } from '../state/quota';
import { type Settings } from '../state/settings';
import { appendPlain } from './markdown';
import { age, stateWord, time } from './format';

export const STATUS_BAR_ID = 'sconnector.status';

export class StatusBarView implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];
  private listing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly licenses: LicenseView,
    private readonly settings: () => Settings,
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = l10n.t('S-Connector Live Rooms');
    this.subscriptions = [licenses.onDidChangeLive(() => this.render()), licenses.onDidChange(() => this.render())];
    // In activate(): the current license's look alone. With several licenses, the list of them all
    // follows on the next turn (where their polling starts, and before anyone could hover the item;
    // every one of them says "loading" until then): building it took activate() 1–7 ms with 20
    // licenses in the bench's window loads, against 0.6 ms for the item with one license.
    this.render(false);
    this.listing = setTimeout(() => this.render(), 0);
  }

  /** Whether it is on screen, for the refresh policy. */
  get shown(): boolean {
    return this.settings().statusBarEnabled;
  }

  /** @param everyLicense with several licenses, list them all in the tooltip and take the worst one's colour */
  render(everyLicense = true): void {
    clearTimeout(this.listing);
    const settings = this.settings();
    if (!settings.statusBarEnabled) {
      this.item.hide();
      return;
    }
    const current = this.licenses.current;
    const look = describe(current.snapshot, warningPercentFor(settings, current.label), Date.now());
    Object.assign(this.item, everyLicense && this.licenses.all.length > 1 ? withEveryLicense(look, this.licenses, (session) => warningPercentFor(settings, session.label)) : look);
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.listing);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

type Look = Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'command' | 'backgroundColor' | 'accessibilityInformation'>;

function describe(snapshot: LiveSnapshot, warningPercent: number, now: number): Look {
  const focusTree = { command: 'sconnector.sessions.focus', title: l10n.t('Show Live Rooms') };
  if (snapshot.phase === 'signedOut' || snapshot.phase === 'rejected') {
    const rejected = snapshot.phase === 'rejected';
    return {
      text: rejected ? '$(warning) S-Connector' : '$(broadcast) S-Connector',
      tooltip: rejected
        ? l10n.t('S-Connector: {0} Click to sign in again.', snapshot.error?.message ?? l10n.t('the keys were not accepted'))
        : l10n.t('S-Connector: click to sign in and see your live rooms.'),
      command: { command: 'sconnector.signIn', title: l10n.t('Sign In') },
      backgroundColor: undefined,
      accessibilityInformation: { label: rejected ? l10n.t('S-Connector: sign in again') : l10n.t('S-Connector: sign in') },
    };
  }
  const { license, rooms } = snapshot;
  if (!license || !rooms) {
    return {
      text: snapshot.error ? '$(warning) S-Connector' : '$(sync~spin) S-Connector',
      // "S-Connector: " and the error's own (already translated) sentence: nothing more to translate.
      tooltip: snapshot.error ? `S-Connector: ${snapshot.error.message}` : l10n.t('S-Connector: loading live rooms…'),
      command: focusTree,
      backgroundColor: undefined,
      accessibilityInformation: { label: snapshot.error ? l10n.t('S-Connector: could not load live rooms') : l10n.t('S-Connector: loading') },
    };
  }
  const inUse = rooms.length;
  const level = quotaLevel(inUse, license.roomLimit, warningPercent);
  const stale = snapshot.error !== undefined;
  const tooltip = new vscode.MarkdownString(undefined, true);
  appendPlain(tooltip.appendMarkdown('**S-Connector** · '), license.domain);
  tooltip.appendMarkdown(`\n\n${l10n.t('{0} of {1} rooms in use ({2} %)', inUse, license.roomLimit, quotaPercent(inUse, license.roomLimit))}`);
  if (!license.enabled) tooltip.appendMarkdown(`\n\n$(circle-slash) ${l10n.t('The license is disabled.')}`);
  if (snapshot.updatedAt !== undefined) tooltip.appendMarkdown(`\n\n${l10n.t('Updated {0} ({1})', time(snapshot.updatedAt), age(snapshot.updatedAt, now))}`);
  if (stale) appendPlain(tooltip.appendMarkdown(`\n\n$(warning) ${l10n.t('The last refresh failed')}: `), snapshot.error.message);
  tooltip.appendMarkdown(`\n\n${l10n.t('Click to show the live rooms.')}`);
  return {
    text: `$(broadcast) ${inUse}/${license.roomLimit}${stale ? ' $(warning)' : ''}`,
    tooltip,
    command: focusTree,
    backgroundColor:
      level === 'full' ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined,
    accessibilityInformation: {
      label: stale
        ? l10n.t('S-Connector: {0} of {1} rooms in use, data may be out of date', inUse, license.roomLimit)
        : l10n.t('S-Connector: {0} of {1} rooms in use', inUse, license.roomLimit),
    },
  };
}

/** The current license's look, named, with every license listed and the worst level as the colour. */
function withEveryLicense(look: Look, licenses: LicenseView, warningPercent: (session: LicenseSession) => number): Look {
  const tooltip = new vscode.MarkdownString(undefined, true);
  appendPlain(tooltip.appendMarkdown('**'), licenses.current.label).appendMarkdown('**\n\n');
  if (typeof look.tooltip === 'string') appendPlain(tooltip, look.tooltip);
  else tooltip.appendMarkdown(look.tooltip?.value ?? '');
  tooltip.appendMarkdown(`\n\n---\n\n**${l10n.t('All licenses')}**`);
  let worst: QuotaLevel = 'ok';
  for (const session of licenses.all) {
    const { license, rooms, phase, error } = session.snapshot;
    const level = levelOfCounts(session.snapshot, warningPercent(session));
    if (level === 'full' || (level === 'warning' && worst === 'ok')) worst = level;
    const mark = level === 'full' ? '$(error) ' : level === 'warning' ? '$(warning) ' : '';
    const counts = license && rooms ? `${rooms.length}/${license.roomLimit}` : stateWord(phase, error !== undefined) ?? '';
    appendPlain(tooltip.appendMarkdown(`\n\n${mark}`), session.label).appendMarkdown(`: ${counts}${error && rooms ? ` (${l10n.t('stale')})` : ''}`);
  }
  return {
    ...look,
    tooltip,
    backgroundColor: worst === 'full' ? new vscode.ThemeColor('statusBarItem.errorBackground') : worst === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : look.backgroundColor,
  };
}
