/** The extension's settings, read in one place with their bounds applied. */
import * as vscode from 'vscode';
import { type AlertSettings, readAlertSettings } from './alertSettings';

export const SECTION = 'sconnector';
export const DEFAULT_API_URL = 'https://api.interwater.biz';

export interface Settings {
  /**
   * Where a new license points unless the user says otherwise (each license keeps its own).
   * `application`-scoped (package.json): only the user's own settings can set it, never a folder's
   * .vscode/settings.json. Even so, a key is only ever sent to the origin it was entered for.
   */
  readonly apiUrl: string;
  readonly refreshIntervalMs: number;
  readonly quotaWarningPercent: number;
  readonly statusBarEnabled: boolean;
  readonly tokenLifetimeMinutes: number;
  readonly requestTimeoutMs: number;
  /** The label of the license this workspace shows first; a label, so it cannot move a key. */
  readonly defaultLicense: string;
  /** Warning thresholds by license label (`sconnector.licenseThresholds`), bounded like the default. */
  readonly licenseThresholds: Readonly<Record<string, number>>;
  /** Usage alerts (`sconnector.alerts.*`), off until set. */
  readonly alerts: AlertSettings;
}


function bounded(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function thresholds(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {};
  const result: Record<string, number> = {};
  for (const [label, percent] of Object.entries(value as Record<string, unknown>)) {
    if (typeof percent === 'number' && Number.isFinite(percent)) result[label] = bounded(percent, 80, 1, 100);
  }
  return result;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    apiUrl: config.get<string>('apiUrl', DEFAULT_API_URL),
    refreshIntervalMs: bounded(config.get<number>('refreshIntervalSeconds'), 30, 5, 3600) * 1000,
    quotaWarningPercent: bounded(config.get<number>('quotaWarningThreshold'), 80, 1, 100),
    statusBarEnabled: config.get<boolean>('statusBar.enabled', true),
    tokenLifetimeMinutes: bounded(config.get<number>('tokenLifetimeMinutes'), 60, 1, 1440),
    requestTimeoutMs: bounded(config.get<number>('requestTimeoutSeconds'), 15, 1, 120) * 1000,
    defaultLicense: config.get<string>('defaultLicense', '').trim(),
    licenseThresholds: thresholds(config.get<unknown>('licenseThresholds')),
    alerts: readAlertSettings(config.get<unknown>('alerts.monthlyHours'), config.get<unknown>('alerts.monthlySteps'), config.get<unknown>('alerts.liveRooms')),
  };
}

/** The access key setting of versions before 0.2, read only to carry an old sign-in over. */
export function legacyAccessKey(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>('accessKey', '').trim();
}
