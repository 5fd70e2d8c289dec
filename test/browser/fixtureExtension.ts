/**
 * Packs an extension kept as a test fixture (test/fixtures/<name>/, plain JavaScript, no build) into
 * a .vsix with the project's own @vscode/vsce, for `openWorkbench({ install: [vsix] })`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/workspace';

export function fixtureDir(name: string): string {
  return path.join(repoRoot, 'test', 'fixtures', name);
}

/** Writes `test/fixtures/<name>` as a .vsix at `outFile` and returns `outFile`. */
export function packFixtureExtension(name: string, outFile: string): string {
  const cwd = fixtureDir(name);
  if (!fs.existsSync(path.join(cwd, 'package.json'))) throw new Error(`no extension fixture at ${cwd}`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.rmSync(outFile, { force: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  try {
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', outFile], { cwd, stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stdout?: Buffer; stderr?: Buffer });
    throw new Error(`vsce package failed for ${name}: ${String(output.stderr ?? '')}${String(output.stdout ?? '')}`, { cause: error });
  }
  if (!fs.existsSync(outFile)) throw new Error(`vsce package wrote no ${outFile}`);
  return outFile;
}
