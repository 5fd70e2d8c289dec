/**
 * The folder a launcher opens in VS Code, and the user settings beside it. `sconnector.apiUrl` is
 * application-scoped (a folder's settings cannot move where the keys go), so launchers put it in
 * the user settings of their run folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function prepareWorkspace(folder: string, settings: Readonly<Record<string, unknown>>): string {
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  const file = path.join(folder, '.vscode', 'settings.json');
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...settings }, null, 2));
  return folder;
}

/** Merges `settings` into `<userDataDir>/User/settings.json`, where VS Code keeps the user's settings. */
export function prepareUserSettings(userDataDir: string, settings: Readonly<Record<string, unknown>>): void {
  const folder = path.join(userDataDir, 'User');
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'settings.json');
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...settings }, null, 2));
}
