/** Says once, when the live room count crosses the warning threshold, that the license is filling up. */
import * as vscode from 'vscode';
import { LiveState } from '../state/liveState';
import { quotaLevel, QuotaLevel } from '../state/quota';

const MUTED_KEY = 'sconnector.quotaNotification.muted';

export class QuotaNotifier implements vscode.Disposable {
  private level: QuotaLevel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    state: LiveState,
    private readonly memento: vscode.Memento,
    warningPercent: () => number,
  ) {
    this.subscription = state.onDidChange((snapshot) => {
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
    const choice = await vscode.window.showWarningMessage(
      `S-Connector: ${inUse} of ${limit} rooms are in use. New meetings may be refused at the limit.`,
      'Show Live Rooms',
      "Don't Show Again",
    );
    if (choice === 'Show Live Rooms') await vscode.commands.executeCommand('sconnector.sessions.focus');
    if (choice === "Don't Show Again") await this.memento.update(MUTED_KEY, true);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
