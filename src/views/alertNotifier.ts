/**
 * Shows the usage alerts (state/usageAlerts.ts): on each live refresh (live rooms) and each new
 * month figure (monthly budget), per license, as a warning with its actions: open the report for
 * the period, snooze for the period, don't show again. It asks no server.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { LicenseParts, Licenses, LicenseSession } from '../state/licenses';
import type { MonthForecast } from '../shared/reportTypes';
import { type Alert, alertRange, type UsageAlerts } from '../state/usageAlerts';
import { todayIn } from '../report/timeZone';
import { displayName } from './displayName';

type AlertLicenses = Pick<Licenses<LicenseParts>, 'all' | 'onDidChangeLive'>;

export class AlertNotifier implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly licenses: AlertLicenses,
    monthChanged: vscode.Event<string>,
    private readonly alerts: UsageAlerts,
    forecastOf: (licenseId: string) => MonthForecast | undefined,
  ) {
    this.subscriptions = [
      licenses.onDidChangeLive(({ session }) => {
        const rooms = session.snapshot.rooms;
        if (rooms) this.offer(session, this.alerts.checkLive(session.id, rooms.length));
      }),
      monthChanged((id) => {
        const session = this.licenses.all.find((license) => license.id === id);
        const forecast = forecastOf(id);
        if (session && forecast) this.offer(session, this.alerts.checkMonth(id, forecast));
      }),
    ];
  }

  private offer(session: LicenseSession, alert: Alert | undefined): void {
    if (!alert) return;
    // Marked first: an alert the user leaves open is still shown once.
    void this.alerts.fired(alert).then(() => this.show(session, alert));
  }

  private async show(session: LicenseSession, alert: Alert): Promise<void> {
    const license = displayName(session.label);
    const monthly = alert.kind === 'monthly';
    const message = monthly
      ? l10n.t('{0}: {1} % of the monthly budget used: {2} h of {3} h in {4}.', license, alert.step, Math.round((alert.usedSeconds ?? 0) / 3600).toLocaleString(), (alert.budgetHours ?? 0).toLocaleString(), alert.period)
      : l10n.t('{0}: {1} live rooms for {2} minutes (alert at {3}).', license, (alert.rooms ?? 0).toLocaleString(), (alert.minutes ?? 0).toLocaleString(), alert.step.toLocaleString());
    const open = l10n.t('Open Usage Report');
    const snooze = monthly ? l10n.t('Snooze for This Month') : l10n.t('Snooze for Today');
    const never = l10n.t("Don't Show Again");
    const choice = await vscode.window.showWarningMessage(message, open, snooze, never);
    if (choice === open) {
      await vscode.commands.executeCommand('sconnector.openUsageReport', { ...alertRange(alert, todayIn(undefined, Date.now())), licenses: [alert.licenseId] });
    } else if (choice === snooze) {
      await this.alerts.snooze(alert);
    } else if (choice === never) {
      await this.alerts.never(alert);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

