/**
 * `npm start`: the product, for a person to use. Starts the S-Connector emulator (unless
 * `--real`), and a real VS Code (code-server) with the extension under development, configured
 * for the emulator; prints the address to open; stops everything on Ctrl+C. `--locale ko` shows
 * the extension in Korean.
 * User data is kept in .vscode-test/start/, so a sign-in survives a restart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extraLicenseKeys } from '../emulator/extraLicenses';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator } from '../emulator/server';
import { startCodeServer, workbenchUrl } from './codeServer';
import { provision } from './provision';
import { prepareUserSettings, prepareWorkspace, repoRoot } from './workspace';

const real = process.argv.includes('--real');
/** `--locale ko`: VS Code's display language, to see the extension in Korean. */
const localeAt = process.argv.indexOf('--locale');
const locale = localeAt > 0 ? process.argv[localeAt + 1] : undefined;
const EMULATOR_PORT = 5000;
const VSCODE_PORT = 8080;

async function main(): Promise<void> {
  const toolchain = await provision();
  const runDir = path.join(repoRoot, '.vscode-test', 'start');
  fs.mkdirSync(runDir, { recursive: true });
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

  let settings: Record<string, unknown> = {};
  if (!real) {
    const options = { tickMs: 5_000, extraLicenses: 2 };
    const emulator = await startEmulator({ ...options, port: EMULATOR_PORT }).catch(() => startEmulator({ ...options, port: 0 }));
    stops.push(() => emulator.close());
    settings = { 'sconnector.apiUrl': emulator.url };
    console.log(`S-Connector emulator: ${emulator.url} (rooms change every 5 s)`);
  }
  const folder = prepareWorkspace(path.join(runDir, 'workspace'), {});
  // The API URL is a user setting (application scope); --real leaves the user's own choice alone.
  if (!real) prepareUserSettings(path.join(runDir, 'user-data'), settings);
  const server = await startCodeServer(toolchain, { runDir, port: VSCODE_PORT, ...(locale && { locale }) });
  stops.push(() => server.stop());
  const url = workbenchUrl(server, { folder, extensionDevelopmentPath: repoRoot });
  console.log('\nVS Code with S-Connector is running. Open this address in a browser:\n');
  console.log(`  ${url}\n`);
  if (!real) {
    console.log('Sign in with the demo keys (the API document\'s public sample, not a real secret):');
    console.log(`  access key: ${DEMO_ACCESS_KEY}`);
    console.log(`  secret key: ${DEMO_SECRET_KEY}\n`);
    console.log('Two more licenses to add beside it (S-Connector: Add License…), at the same API URL:');
    for (const n of [1, 2]) {
      const keys = extraLicenseKeys(n);
      console.log(`  ${keys.domain}: access key ${keys.accessKey}, secret key ${keys.secretKey}`);
    }
    console.log('');
  }
  console.log('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
