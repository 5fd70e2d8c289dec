/**
 * A real VS Code workbench in headless Chromium, with the extension under development loaded and
 * pointed at a fresh emulator: what a user would see, for browser tests to read and click.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { EmulatorControl } from '../emulator/control';
import { CONCURRENCY_BURST } from '../emulator/data';
import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator/server';
import { launchBrowser } from '../harness/browser';
import { installExtension, startCodeServer, workbenchUrl } from '../harness/codeServer';
import { provision } from '../harness/provision';
import { prepareUserSettings, prepareWorkspace, repoRoot } from '../harness/workspace';

export const screenshotDir = path.join(repoRoot, '.vscode-test', 'screenshots');

export interface Workbench {
  readonly page: Page;
  readonly emulator: Emulator;
  /** The folder the workbench has open (where VS Code's save dialog proposes to save). */
  readonly workspaceFolder: string;
  /** code-server's user data, logs among them. */
  readonly userDataDir: string;
  /** Where installed extensions live. */
  readonly extensionsDir: string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Workspace settings (.vscode/settings.json of the folder it opens). */
  readonly settings?: Record<string, unknown>;
  /** User settings; `sconnector.apiUrl` (application scope) points at the emulator unless given here. */
  readonly userSettings?: Record<string, unknown>;
  /** VS Code's display language, e.g. 'ko' (the extension's own strings follow it); English when absent. */
  readonly locale?: string;
  /** The browser's (the user's) time zone. */
  readonly timezoneId?: string;
  /** Options for the emulator behind the workbench. */
  readonly emulator?: EmulatorOptions;
  /** .vsix files to install first, as `code-server --install-extension` does. */
  readonly install?: readonly string[];
  /** Load the extension from this repository (the default); false to use only installed ones. */
  readonly underDevelopment?: boolean;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const toolchain = await provision();
  fs.mkdirSync(path.join(repoRoot, '.vscode-test'), { recursive: true });
  const runDir = fs.mkdtempSync(path.join(repoRoot, '.vscode-test', 'browser-'));
  const stops: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (!process.env.SCONNECTOR_KEEP_RUN) fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const emulator = await startEmulator({ seed: 1, ...options.emulator });
    stops.push(() => emulator.close());
    prepareUserSettings(path.join(runDir, 'user-data'), { 'sconnector.apiUrl': emulator.url, ...options.userSettings });
    const folder = prepareWorkspace(path.join(runDir, 'workspace'), {
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'chat.disableAIFeatures': true,
      'git.openRepositoryInParentFolders': 'never',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...options.settings,
    });
    for (const vsix of options.install ?? []) await installExtension(toolchain, runDir, vsix);
    const server = await startCodeServer(toolchain, { runDir, ...(options.locale && { locale: options.locale }) });
    stops.push(() => server.stop());
    const browser = await launchBrowser(toolchain.chromium, path.join(runDir, 'chromium'), { ...(options.timezoneId && { timezoneId: options.timezoneId }) });
    stops.push(() => browser.close());
    await browser.page.goto(workbenchUrl(server, { folder, ...(options.underDevelopment !== false && { extensionDevelopmentPath: repoRoot }) }));
    await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await browser.page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
    // The empty secondary side bar only takes room from what the tests look at and photograph.
    const secondary = browser.page.locator('#workbench\\.parts\\.auxiliarybar');
    if (await secondary.isVisible()) await browser.page.keyboard.press('Control+Alt+B');
    return { page: browser.page, emulator, workspaceFolder: folder, userDataDir: path.join(runDir, 'user-data'), extensionsDir: path.join(runDir, 'extensions'), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Chooses a time zone in the report page's picker as a user does: types part of its name into the
 * combobox and picks the option. `label` is the option's text ('UTC', 'Asia/Kolkata', 'Local (…)').
 */
export async function chooseZone(frame: FrameLocator, search: string, label: string = search): Promise<void> {
  const input = frame.locator('#zone input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(search);
  await frame.locator('#zone [role="option"]', { hasText: label }).first().click();
}

/** Adds to the open folder's settings, as a user editing .vscode/settings.json does; VS Code picks the change up. */
export function addWorkspaceSettings(workbench: Workbench, settings: Record<string, unknown>): void {
  const file = path.join(workbench.workspaceFolder, '.vscode', 'settings.json');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

/** Shows another range in the open report, from its own date fields, and waits for it. */
export async function showRange(frame: FrameLocator, start: string, end: string): Promise<void> {
  await frame.locator('#start input').fill(start);
  await frame.locator('#end input').fill(end);
  await frame.locator('#apply').click();
  await frame.locator('#status', { hasText: new RegExp(`${start}( – ${end})? ?\\(`) }).waitFor({ timeout: 30_000 });
}

/** The UTC day of the emulator's known concurrency burst (CONCURRENCY_BURST), read off its records. */
export async function burstDay(control: EmulatorControl): Promise<string> {
  const first = (await control.data()).records.find((record) => record.roomName === 'burst-1');
  assert.ok(first, 'the emulator has the burst');
  assert.equal(first.createdAt.slice(11, 16), `${String(CONCURRENCY_BURST.hourUtc).padStart(2, '0')}:00`);
  return first.createdAt.slice(0, 10);
}

/** Runs a command through the command palette, as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Answers the quick input box now open. */
export async function answerInput(page: Page, value: string, expectedTitle: RegExp): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: expectedTitle }).waitFor();
  const input = widget.locator('input.input');
  await input.fill(value);
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Signs in through the command palette with the emulator's demo keys, and waits for the rooms. */
export async function signInByHand(page: Page, accessKey: string, secretKey: string): Promise<void> {
  await runCommand(page, 'S-Connector: Sign In');
  await answerInput(page, accessKey, /Sign in to S-Connector \(1\/2\)/);
  await answerInput(page, secretKey, /Sign in to S-Connector \(2\/2\)/);
}

/** The usage report page, inside the webview's two nested frames. */
export function reportFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

/** Adds a license through the command palette, as a user would, and waits for its row in the tree. */
export async function addLicenseByHand(page: Page, license: { label: string; apiUrl: string; accessKey: string; secretKey: string }): Promise<void> {
  await runCommand(page, 'S-Connector: Add License…');
  await answerInput(page, license.label, /Add S-Connector License \(1\/4\)/);
  await answerInput(page, license.apiUrl, /Add S-Connector License \(2\/4\)/);
  await answerInput(page, license.accessKey, /Add S-Connector License \(3\/4\)/);
  await answerInput(page, license.secretKey, /Add S-Connector License \(4\/4\)/);
  await page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: license.label }).first().waitFor({ timeout: 60_000 });
}

