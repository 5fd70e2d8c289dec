/**
 * Says once, when a license's live room count crosses its warning threshold, that it is filling up;
 * with several licenses the message names the license.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type LicenseSession, type LicenseView } from '../state/licenses';
import { quotaLevel, type QuotaLevel } from '../state/quota';

const MUTED_KEY = 'sconnector.quotaNotification.muted';

export class QuotaNotifier implements vscode.Disposable {
  /** Each license's last level, by license id. */
  private readonly levels = new Map<string, QuotaLevel>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly licenses: LicenseView,
    private readonly memento: vscode.Memento,
    warningPercent: (session: LicenseSession) => number,
  ) {
    this.subscription = licenses.onDidChangeLive(({ session, change: { snapshot } }) => {
      if (!snapshot.license || !snapshot.rooms || snapshot.error) return;
      const level = quotaLevel(snapshot.rooms.length, snapshot.license.roomLimit, warningPercent(session));
      const crossed = this.levels.get(session.id) === 'ok' && level !== 'ok';
      // The first reading sets the baseline: starting VS Code near the limit is not a crossing.
      this.levels.set(session.id, level);
      if (crossed) void this.notify(session, snapshot.rooms.length, snapshot.license.roomLimit);
    });
  }

  private async notify(session: LicenseSession, inUse: number, limit: number): Promise<void> {
    if (this.memento.get<boolean>(MUTED_KEY)) return;
    const show = l10n.t('Show Live Rooms');
    const mute = l10n.t("Don't Show Again");
    const message = this.licenses.all.length > 1
      ? l10n.t('S-Connector: {0} of {1} rooms are in use in {2}. New meetings may be refused at the limit.', inUse, limit, session.label)
      : l10n.t('S-Connector: {0} of {1} rooms are in use. New meetings may be refused at the limit.', inUse, limit);
    const choice = await vscode.window.showWarningMessage(message, show, mute);
    if (choice === show) await vscode.commands.executeCommand('sconnector.sessions.focus');
    if (choice === mute) await this.memento.update(MUTED_KEY, true);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
