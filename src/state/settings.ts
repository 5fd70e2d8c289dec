/** The extension's settings, read in one place with their bounds applied. */
import * as vscode from 'vscode';

export const SECTION = 'sconnector';
export const DEFAULT_API_URL = 'https://api.interwater.biz';

export interface Settings {
  /**
   * `application`-scoped (package.json): only the user's own settings can set it, never a folder's
   * .vscode/settings.json. Even so, a key is only ever sent to the origin it was entered for.
   */
  readonly apiUrl: string;
  readonly refreshIntervalMs: number;
  readonly quotaWarningPercent: number;
  readonly statusBarEnabled: boolean;
  readonly tokenLifetimeMinutes: number;
  readonly requestTimeoutMs: number;
}

function bounded(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
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
  };
}

/** The access key setting of versions before 0.2, read only to carry an old sign-in over. */
export function legacyAccessKey(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>('accessKey', '').trim();
}
