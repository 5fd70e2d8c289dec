/**
 * `npm run test:desktop`: the same integration suite in desktop VS Code, downloaded by
 * @vscode/test-electron. Needs internet and a display (or xvfb-run); the offline route is
 * `npm run test:integration`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../emulator/server';
import { prepareUserSettings, prepareWorkspace, repoRoot } from './workspace';

async function main(): Promise<void> {
  const emulator = await startEmulator({ seed: 1, extraLicenses: 2 });
  const runDir = fs.mkdtempSync(path.join(repoRoot, '.vscode-test', 'desktop-'));
  try {
    const folder = prepareWorkspace(path.join(runDir, 'workspace'), {});
    prepareUserSettings(path.join(runDir, 'user-data'), { 'sconnector.apiUrl': emulator.url });
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(runDir, 'user-data')],
      extensionTestsEnv: { SCONNECTOR_TEST_EMULATOR_URL: emulator.url, SCONNECTOR_TEST_RUN_DIR: runDir },
    });
  } finally {
    await emulator.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[desktop] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
