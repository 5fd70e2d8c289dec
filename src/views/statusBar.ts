/** The status bar item: live rooms against the room limit, coloured by how full the license is. */
import * as vscode from 'vscode';
import { LiveSnapshot, LiveState } from '../state/liveState';
import { quotaLevel, quotaPercent } from '../state/quota';
import { Settings } from '../state/settings';
import { appendPlain } from './markdown';
import { age, time } from './format';

export const STATUS_BAR_ID = 'sconnector.status';

export class StatusBarView implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: LiveState,
    private readonly settings: () => Settings,
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'S-Connector Live Rooms';
    this.subscription = state.onDidChange(() => this.render());
    this.render();
  }

  /** Whether it is on screen, for the refresh policy. */
  get shown(): boolean {
    return this.settings().statusBarEnabled;
  }

  render(): void {
    const settings = this.settings();
    if (!settings.statusBarEnabled) {
      this.item.hide();
      return;
    }
    Object.assign(this.item, describe(this.state.snapshot, settings.quotaWarningPercent, Date.now()));
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

type Look = Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'command' | 'backgroundColor' | 'accessibilityInformation'>;

function describe(snapshot: LiveSnapshot, warningPercent: number, now: number): Look {
  const focusTree = { command: 'sconnector.sessions.focus', title: 'Show Live Rooms' };
  if (snapshot.phase === 'signedOut' || snapshot.phase === 'rejected') {
    const rejected = snapshot.phase === 'rejected';
    return {
      text: rejected ? '$(warning) S-Connector' : '$(broadcast) S-Connector',
      tooltip: rejected ? `S-Connector: ${snapshot.error?.message ?? 'the keys were not accepted'} Click to sign in again.` : 'S-Connector: click to sign in and see your live rooms.',
      command: { command: 'sconnector.signIn', title: 'Sign In' },
      backgroundColor: undefined,
      accessibilityInformation: { label: rejected ? 'S-Connector: sign in again' : 'S-Connector: sign in' },
    };
  }
  const { license, rooms } = snapshot;
  if (!license || !rooms) {
    return {
      text: snapshot.error ? '$(warning) S-Connector' : '$(sync~spin) S-Connector',
      tooltip: snapshot.error ? `S-Connector: ${snapshot.error.message}` : 'S-Connector: loading live rooms…',
      command: focusTree,
      backgroundColor: undefined,
      accessibilityInformation: { label: snapshot.error ? 'S-Connector: could not load live rooms' : 'S-Connector: loading' },
    };
  }
  const inUse = rooms.length;
  const level = quotaLevel(inUse, license.roomLimit, warningPercent);
  const stale = snapshot.error !== undefined;
  const tooltip = new vscode.MarkdownString(undefined, true);
  appendPlain(tooltip.appendMarkdown('**S-Connector** · '), license.domain);
  tooltip.appendMarkdown(`\n\n${inUse} of ${license.roomLimit} rooms in use (${quotaPercent(inUse, license.roomLimit)} %)`);
  if (!license.enabled) tooltip.appendMarkdown('\n\n$(circle-slash) The license is disabled.');
  if (snapshot.updatedAt !== undefined) tooltip.appendMarkdown(`\n\nUpdated ${time(snapshot.updatedAt)} (${age(snapshot.updatedAt, now)})`);
  if (stale) appendPlain(tooltip.appendMarkdown('\n\n$(warning) The last refresh failed: '), snapshot.error!.message);
  tooltip.appendMarkdown('\n\nClick to show the live rooms.');
  return {
    text: `$(broadcast) ${inUse}/${license.roomLimit}${stale ? ' $(warning)' : ''}`,
    tooltip,
    command: focusTree,
    backgroundColor:
      level === 'full' ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined,
    accessibilityInformation: { label: `S-Connector: ${inUse} of ${license.roomLimit} rooms in use${stale ? ', data may be out of date' : ''}` },
  };
}
