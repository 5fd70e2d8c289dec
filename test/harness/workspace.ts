/** The folder a launcher opens in VS Code, with the extension's settings pointed where it wants. */
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
