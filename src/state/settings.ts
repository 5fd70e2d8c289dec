/** The extension's settings, read in one place with their bounds applied. */
import * as vscode from 'vscode';

export const SECTION = 'sconnector';

export interface Settings {
  readonly apiUrl: string;
  readonly accessKey: string;
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
    apiUrl: config.get<string>('apiUrl', 'https://api.interwater.biz'),
    accessKey: config.get<string>('accessKey', '').trim(),
    refreshIntervalMs: bounded(config.get<number>('refreshIntervalSeconds'), 30, 5, 3600) * 1000,
    quotaWarningPercent: bounded(config.get<number>('quotaWarningThreshold'), 80, 1, 100),
    statusBarEnabled: config.get<boolean>('statusBar.enabled', true),
    tokenLifetimeMinutes: bounded(config.get<number>('tokenLifetimeMinutes'), 60, 1, 1440),
    requestTimeoutMs: bounded(config.get<number>('requestTimeoutSeconds'), 15, 1, 120) * 1000,
  };
}

/** Writes the access key where it is in effect now (workspace or user settings), so the write is seen. */
export async function writeAccessKey(accessKey: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const where = config.inspect<string>('accessKey');
  const target = where?.workspaceFolderValue !== undefined
    ? vscode.ConfigurationTarget.WorkspaceFolder
    : where?.workspaceValue !== undefined
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update('accessKey', accessKey, target);
}
