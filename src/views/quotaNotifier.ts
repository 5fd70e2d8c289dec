/** Says once, when the live room count crosses the warning threshold, that the license is filling up. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type LiveState } from '../state/liveState';
import { quotaLevel, type QuotaLevel } from '../state/quota';

const MUTED_KEY = 'sconnector.quotaNotification.muted';

export class QuotaNotifier implements vscode.Disposable {
  private level: QuotaLevel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    state: LiveState,
    private readonly memento: vscode.Memento,
    warningPercent: () => number,
  ) {
    this.subscription = state.onDidChange(({ snapshot }) => {
      if (!snapshot.license || !snapshot.rooms || snapshot.error) return;
      const level = quotaLevel(snapshot.rooms.length, snapshot.license.roomLimit, warningPercent());
      const crossed = this.level === 'ok' && level !== 'ok';
      // The first reading sets the baseline: starting VS Code near the limit is not a crossing.
      this.level = level;
      if (crossed) void this.notify(snapshot.rooms.length, snapshot.license.roomLimit);
    });
  }

  private async notify(inUse: number, limit: number): Promise<void> {
    if (this.memento.get<boolean>(MUTED_KEY)) return;
    const show = l10n.t('Show Live Rooms');
    const mute = l10n.t("Don't Show Again");
    const choice = await vscode.window.showWarningMessage(
      l10n.t('S-Connector: {0} of {1} rooms are in use. New meetings may be refused at the limit.', inUse, limit),
      show,
      mute,
    );
    if (choice === show) await vscode.commands.executeCommand('sconnector.sessions.focus');
    if (choice === mute) await this.memento.update(MUTED_KEY, true);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
