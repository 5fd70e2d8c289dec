/**
 * Each license's month figure (state/monthToDate.ts) and the usage alerts that read it and the live
 * poll. This is the entry of a bundle of its own, dist/month.js, which views/monthLauncher.ts
 * loads once the tree shows a license or an alert is set: none of it is loaded at activation.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { UsageSource } from '../state/usageReport';
import type { LicenseParts, Licenses } from '../state/licenses';
import { type MonthState, MonthToDate } from '../state/monthToDate';
import type { Settings } from '../state/settings';
import { UsageAlerts } from '../state/usageAlerts';
import type { MonthForecast } from '../shared/reportTypes';
import { AlertNotifier } from './alertNotifier';

export interface MonthDeps<P extends LicenseParts & { readonly client: UsageSource } = LicenseParts & { readonly client: UsageSource }> {
  readonly licenses: Licenses<P>;
  readonly globalState: vscode.Memento;
  readonly settings: () => Settings;
  /** Called with a license's id when its month figure changes. */
  readonly changed: (licenseId: string) => void;
}

export interface MonthFeature extends vscode.Disposable {
  stateOf(licenseId: string): MonthState | undefined;
  /** Fetches the figure of every license that shows one and has not had it for 15 minutes. */
  refresh(): void;
  /** A license's figure for the report: the one held when fresh, else fetched now. */
  forecast(licenseId: string): Promise<MonthForecast>;
  /** The alert settings changed: the figures held are checked against them again (no request). */
  recheck(): void;
  readonly alerts: AlertNotifier;
}

export function createMonthFeature<P extends LicenseParts & { readonly client: UsageSource }>(deps: MonthDeps<P>): MonthFeature {
  // This bundle has its own copy of @vscode/l10n (see commandsFeature.ts).
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  const { licenses } = deps;
  const months = new Map<string, MonthToDate>();
  const monthChanged = new vscode.EventEmitter<string>();
  const monthOf = (licenseId: string): MonthToDate | undefined => {
    let month = months.get(licenseId);
    const session = licenses.all.find((license) => license.id === licenseId);
    if (!month && session) {
      month = new MonthToDate(session.parts.client);
      month.onDidChange(() => {
        deps.changed(licenseId);
        monthChanged.fire(licenseId);
      });
      months.set(licenseId, month);
    }
    return month;
  };
  const usageAlerts = new UsageAlerts(deps.globalState, () => deps.settings().alerts);
  const alerts = new AlertNotifier(licenses, monthChanged.event, usageAlerts, (licenseId) => months.get(licenseId)?.current.forecast);
  // A license removed takes its figure and its alerts' memory with it.
  const removals = licenses.onDidChange(() => {
    for (const [id, month] of months) {
      if (licenses.all.some((license) => license.id === id)) continue;
      month.dispose();
      months.delete(id);
      void usageAlerts.forget(id);
    }
  });
  return {
    alerts,
    stateOf: (licenseId) => months.get(licenseId)?.current,
    refresh() {
      for (const session of licenses.all) if (session.isBuilt && session.snapshot.license) void monthOf(session.id)?.refreshIfStale();
    },
    recheck() {
      for (const id of months.keys()) monthChanged.fire(id);
    },
    forecast(licenseId) {
      const month = monthOf(licenseId);
      return month ? month.get() : Promise.reject(new Error(l10n.t('This license is gone.')));
    },
    dispose() {
      removals.dispose();
      alerts.dispose();
      monthChanged.dispose();
      for (const month of months.values()) month.dispose();
      months.clear();
    },
  };
}
