/**
 * The month figures and usage alerts, as the activation path sees them: a few functions, and the
 * bundle that does the work (dist/month.js, views/monthFeature.ts) loaded the first time the tree
 * shows a license or an alert is set. Until then there is no figure, and no request is made.
 */
import type * as vscode from 'vscode';
import type { LicenseParts } from '../state/licenses';
import type { MonthState } from '../state/monthToDate';
import type { UsageSource } from '../state/usageReport';
import type { MonthForecast } from '../shared/reportTypes';
import type { MonthDeps, MonthFeature } from './monthFeature';

export interface MonthLauncher extends vscode.Disposable {
  stateOf(licenseId: string): MonthState | undefined;
  /** Fetches the figures that are due, when the tree shows them or an alert needs them. */
  refresh(): void;
  forecast(licenseId: string): Promise<MonthForecast>;
  /** The alert settings changed: check the figures held again, and fetch any now wanted. */
  alertsChanged(): void;
  /** The feature, once loaded: what the tests read. */
  readonly loaded: MonthFeature | undefined;
}

export interface MonthDemand {
  /** Whether the tree is on screen (its month figures are then wanted). */
  readonly treeVisible: () => boolean;
}

export function registerMonth<P extends LicenseParts & { readonly client: UsageSource }>(deps: MonthDeps<P> & MonthDemand): MonthLauncher {
  let loading: Promise<MonthFeature> | undefined;
  let loaded: MonthFeature | undefined;
  let disposed = false;
  // esbuild resolves this import to ./month.js beside the main bundle (see esbuild.js).
  const feature = () => (loading ??= import('./monthFeature.js').then(({ createMonthFeature }) => {
    loaded = createMonthFeature(deps);
    if (disposed) loaded.dispose();
    return loaded;
  }));
  return {
    get loaded() {
      return loaded;
    },
    stateOf: (licenseId) => loaded?.stateOf(licenseId),
    refresh() {
      const { alerts } = deps.settings();
      const months = deps.treeVisible() || alerts.monthlyHours !== undefined;
      if (disposed || (!months && alerts.liveRooms === undefined)) return;
      void feature().then((month) => {
        if (months && !disposed) month.refresh();
      });
    },
    forecast: async (licenseId) => (await feature()).forecast(licenseId),
    alertsChanged() {
      loaded?.recheck();
      this.refresh();
    },
    dispose() {
      disposed = true;
      loaded?.dispose();
    },
  };
}
