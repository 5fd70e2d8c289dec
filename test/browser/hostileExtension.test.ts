import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, type RequestLogEntry } from '../emulator/server';
import { repoRoot } from '../harness/workspace';
import { packFixtureExtension } from './fixtureExtension';
import { openWorkbench, runCommand, signInByHand, type Workbench } from './workbench';

/** A JWT: header and claims start with `{"` in base64url. */
const TOKEN_SHAPE = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;
const PROBE_FILE = 'hostile-probe.json';

/** What test/fixtures/hostile-extension writes; everything in it is treated as possibly secret. */
interface Probe {
  probe: number;
  trigger: string;
  self?: { id?: string; extensionMode?: unknown };
  target?: { found?: boolean; isActiveBefore?: boolean; isActiveAfter?: boolean; activateResolved?: boolean; activateError?: string };
  exports?: { typeof?: string; isNull?: boolean; keys?: string[]; allPropertyNames?: string[] };
  directAttempts?: Record<string, { called: boolean }>;
  ownSecrets?: Record<string, { isUndefined?: boolean; error?: string }>;
  configuration?: { section?: Record<string, unknown>; inspect?: Record<string, unknown>; error?: string };
  clipboard?: { text?: string; error?: string };
  commands?: string[] | { error: string };
  textDocuments?: unknown[];
  logs?: { files?: Record<string, unknown> };
}

/** Where a secret-looking string sits in the probe: JSON paths only, never the values. */
function findLeaks(value: unknown, where = '$', hits: string[] = []): string[] {
  const leaks = (text: string) => text.includes(DEMO_SECRET_KEY) || TOKEN_SHAPE.test(text);
  if (typeof value === 'string') {
    if (leaks(value)) hits.push(where);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findLeaks(item, `${where}[${index}]`, hits));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const safeKey = leaks(key) ? '<redacted key>' : key;
      if (leaks(key)) hits.push(`${where}.${safeKey} (key)`);
      findLeaks(item, `${where}.${safeKey}`, hits);
    }
  }
  return hits;
}

/** A summary of a probe for assertion messages: types, names and booleans, no values. */
function redactedSummary(probe: Probe, raw: string): string {
  return JSON.stringify({
    probe: probe.probe,
    trigger: probe.trigger,
    self: probe.self,
    target: probe.target,
    exports: { typeof: probe.exports?.typeof, isNull: probe.exports?.isNull, keys: probe.exports?.keys, propertyNames: probe.exports?.allPropertyNames?.length },
    directAttemptsCalled: Object.entries(probe.directAttempts ?? {}).filter(([, attempt]) => attempt.called).map(([label]) => label),
    ownSecretsUndefined: Object.fromEntries(Object.entries(probe.ownSecrets ?? {}).map(([id, read]) => [id, read.isUndefined ?? `error: ${read.error !== undefined}`])),
    settingsRead: Object.keys(probe.configuration?.inspect ?? {}).length,
    clipboardRead: probe.clipboard?.text !== undefined,
    documentsRead: probe.textDocuments?.length,
    logFilesRead: Object.keys(probe.logs?.files ?? {}).length,
    bytes: raw.length,
    holdsSecretKey: raw.includes(DEMO_SECRET_KEY),
    holdsTokenShape: TOKEN_SHAPE.test(raw),
    leakPaths: findLeaks(JSON.parse(raw)).slice(0, 20),
  });
}

/**
 * Another extension, installed from a .vsix beside S-Connector in the real workbench, tries every
 * way the VS Code API gives it to reach the secret key or a token; it writes what it got to a file.
 */
describe('A hostile extension beside S-Connector (Chromium)', function () {
  this.timeout(240_000);
  // One folder per run: two runs at once (the whole browser suite and this file alone) must not share a .vsix.
  let packDir: string;
  const requests: RequestLogEntry[] = [];
  let workbench: Workbench;
  let sidebar: Locator;
  let probe: Probe;
  let raw: string;

  const probeFile = () => path.join(workbench.workspaceFolder, PROBE_FILE);
  /** The probe now on disk, or undefined (none yet, or not readable as JSON). */
  const readProbe = (): { probe: Probe; raw: string } | undefined => {
    try {
      const text = fs.readFileSync(probeFile(), 'utf8');
      return { probe: JSON.parse(text) as Probe, raw: text };
    } catch {
      return undefined;
    }
  };

  before(async () => {
    fs.mkdirSync(path.join(repoRoot, '.vscode-test'), { recursive: true });
    packDir = fs.mkdtempSync(path.join(repoRoot, '.vscode-test', 'hostile-'));
    const vsix = packFixtureExtension('hostile-extension', path.join(packDir, 'hostile-spy.vsix'));
    workbench = await openWorkbench({ install: [vsix], emulator: { onRequest: (entry) => requests.push(entry) } });
    sidebar = workbench.page.locator('#workbench\\.parts\\.sidebar');
  });
  after(async () => {
    await workbench?.close();
    if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
  });

  it('is installed with code-server --install-extension, beside the extension under development', () => {
    const installed = fs.readdirSync(workbench.extensionsDir);
    assert.ok(installed.some((name) => name.startsWith('hostile.spy-')), `hostile.spy in ${JSON.stringify(installed)}`);
  });

  it('lets the user sign in by hand first, so that there is a secret key and a token to steal', async () => {
    const { page } = workbench;
    await page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    await sidebar.locator('.welcome-view-content').waitFor({ timeout: 30_000 });
    await signInByHand(page, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    await sidebar.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 60_000 });
    assert.ok(requests.some((entry) => /auth/.test(entry.path) && entry.status === 200), 'the emulator issued a token');
  });

  it('runs "Hostile: Probe" from the command palette and writes a fresh probe', async () => {
    // What a user allows when the browser asks; without it the clipboard read hangs unanswered.
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(workbench.page.url()).origin });
    const before = readProbe()?.probe.probe ?? 0;
    await runCommand(workbench.page, 'Hostile: Probe');
    const deadline = Date.now() + 90_000;
    for (;;) {
      const current = readProbe();
      if (current && current.probe.trigger === 'command' && current.probe.probe > before) {
        ({ probe, raw } = current);
        break;
      }
      if (Date.now() > deadline) assert.fail(`no fresh probe in ${PROBE_FILE} within 90 s (last seen: ${current ? `#${current.probe.probe} ${current.probe.trigger}` : 'none'})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  it('ran as a separate installed extension and found S-Connector active, so the probe means something', () => {
    const summary = redactedSummary(probe, raw);
    assert.equal(probe.self?.id, 'hostile.spy', summary);
    assert.equal(probe.target?.found, true, `getExtension found S-Connector: ${summary}`);
    assert.equal(probe.target?.isActiveBefore, true, `S-Connector was already active: ${summary}`);
    assert.equal(probe.target?.activateResolved, true, `activate() resolved: ${summary}`);
    assert.equal(probe.target?.isActiveAfter, true, summary);
    // It did reach what the API lets it reach: S-Connector's commands and settings.
    assert.ok(Array.isArray(probe.commands) && probe.commands.includes('sconnector.signIn'), `it sees S-Connector's commands: ${summary}`);
    assert.equal(probe.configuration?.section?.['apiUrl'], workbench.emulator.url, `it reads S-Connector's settings: ${summary}`);
    assert.ok(Object.keys(probe.logs?.files ?? {}).some((file) => file.startsWith('/s-connector.s-connector-vscode/')), `it reads S-Connector's log: ${summary}`);
    assert.equal(probe.clipboard?.error, undefined, `it reads the clipboard: ${summary}`);
  });

  it('gets no exports from S-Connector: activate() returns nothing outside its own tests', () => {
    const summary = redactedSummary(probe, raw);
    assert.equal(probe.exports?.typeof, 'undefined', `exports are undefined: ${summary}`);
    assert.deepEqual(probe.exports?.keys, [], `no exported keys: ${summary}`);
    assert.deepEqual(probe.exports?.allPropertyNames, [], `no exported properties: ${summary}`);
    const called = Object.entries(probe.directAttempts ?? {}).filter(([, attempt]) => attempt.called).map(([label]) => label);
    assert.deepEqual(called, [], `no credentials.get(), tokens.token() or the like to call: ${summary}`);
  });

  it('reads nothing under S-Connector\'s secret names from its own secret storage', () => {
    const summary = redactedSummary(probe, raw);
    for (const id of ['sconnector.secretKey', 'sconnector.credentials']) {
      assert.equal(probe.ownSecrets?.[id]?.isUndefined, true, `secrets.get('${id}') is undefined: ${summary}`);
    }
  });

  it('finds neither the secret key nor anything token-shaped anywhere in what it reached', () => {
    const summary = redactedSummary(probe, raw);
    assert.equal(raw.includes(DEMO_SECRET_KEY), false, `no secret key in the probe: ${summary}`);
    assert.equal(TOKEN_SHAPE.test(raw), false, `no token in the probe: ${summary}`);
    assert.deepEqual(findLeaks(JSON.parse(raw)), [], `no secret-looking string at any path: ${summary}`);
  });
});
