/**
 * `npm run test:integration`: runs the integration suite inside the extension host of a real
 * VS Code, offline: code-server serves the workbench, headless Chromium opens it with the
 * extension under development and the suite's path, and the workbench reports the result
 * through `window.codeAutomationExit`. Everything started here is stopped before exit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_SECRET_KEY, startEmulator } from '../emulator/server';
import { launchBrowser } from './browser';
import { startCodeServer, workbenchUrl } from './codeServer';
import { withTimeout } from './processes';
import { provision } from './provision';
import { prepareUserSettings, prepareWorkspace, repoRoot } from './workspace';
import { TEST_OUTPUT_MARKER } from '../integration/marker';

const OUR_EXTENSION = /s-connector|sconnector/i;
const TOKEN = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

/**
 * After a full session of use: no secret key or token in the suite's output or code-server's log,
 * and no error of the extension's left uncaught. Returns the exit code.
 */
function hygiene(output: readonly string[], unhandled: readonly string[], serverLog: string): number {
  const problems: string[] = [];
  const texts: [string, string][] = [['the test output', output.join('\n')], ["code-server's log", fs.readFileSync(serverLog, 'utf8')]];
  for (const [where, text] of texts) {
    if (text.includes(DEMO_SECRET_KEY)) problems.push(`the secret key appears in ${where}`);
    if (TOKEN.test(text)) problems.push(`a token appears in ${where}`);
  }
  for (const error of unhandled) problems.push(`uncaught error of the extension: ${error.slice(0, 300)}`);
  for (const problem of problems) console.error(`[integration] ${problem}`);
  return problems.length ? 1 : 0;
}

/** The whole suite, from opening the page to the exit code; a hang becomes a failure. */
const SUITE_TIMEOUT_MS = Number(process.env.SCONNECTOR_SUITE_TIMEOUT_MS ?? 10 * 60_000);

async function main(): Promise<number> {
  const toolchain = await provision();
  const runDir = fs.mkdtempSync(path.join(repoRoot, '.vscode-test', 'run-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const emulator = await startEmulator({ seed: 1, extraLicenses: 2 });
    cleanups.push(() => emulator.close());
    const folder = prepareWorkspace(path.join(runDir, 'workspace'), {});
    prepareUserSettings(path.join(runDir, 'user-data'), { 'sconnector.apiUrl': emulator.url });
    const server = await startCodeServer(toolchain, { runDir, env: { SCONNECTOR_TEST_EMULATOR_URL: emulator.url, SCONNECTOR_TEST_RUN_DIR: runDir } });
    cleanups.push(() => server.stop());
    const browser = await launchBrowser(toolchain.chromium, path.join(runDir, 'chromium'));
    cleanups.push(() => browser.close());

    const output: string[] = [];
    const unhandled: string[] = [];
    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    browser.page.on('console', (message) => {
      // The suite's reporter prints through the extension host, which forwards to this console.
      // (it arrives formatted, e.g. "%c INFO color: #33f [sconnector-test] ✔ ...").
      const text = message.text();
      const at = text.indexOf(TEST_OUTPUT_MARKER);
      if (at >= 0) {
        const line = text.slice(at + TEST_OUTPUT_MARKER.length);
        output.push(line);
        console.log(line);
      } else if (message.type() === 'error' && OUR_EXTENSION.test(text)) {
        unhandled.push(text); // an error of ours that nobody caught reached the console
      }
    });
    browser.page.on('pageerror', (error) => console.error(`[workbench page error] ${error.message}`));

    const url = workbenchUrl(server, {
      folder,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    });
    console.log(`[integration] code-server at ${server.origin}, emulator at ${emulator.url}`);
    await browser.page.goto(url);
    const code = await withTimeout(
      exitCode,
      SUITE_TIMEOUT_MS,
      `The integration suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} minutes. code-server's log: ${server.logFile}`,
    );
    return code || hygiene(output, unhandled, server.logFile);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (!process.env.SCONNECTOR_KEEP_RUN) fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    console.log(code === 0 ? '[integration] passed inside the VS Code extension host' : `[integration] FAILED (exit code ${code})`);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(`[integration] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
