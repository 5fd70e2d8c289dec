import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { extraLicenseKeys } from '../emulator/extraLicenses';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { answerInput, openWorkbench, reportFrame, runCommand, screenshot, signInByHand, type Workbench } from './workbench';

/**
 * Several licenses as a user meets them in a real workbench: added from the palette, side by side
 * in the tree under their total, switched with the status bar following, reported on together,
 * a development token made and read back from the clipboard, and one removed.
 */
describe('Several licenses in the real workbench (Chromium)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let control: EmulatorControl;
  let sidebar: Locator;
  let statusItem: Locator;
  let frame: FrameLocator;
  let firstLabel: string;

  /** Each row of the tree as "label | description", as a user reads them. */
  const rowTexts = () => sidebar.locator('.monaco-list-row').evaluateAll((rows) => rows.map((row) => [row.querySelector('.label-name'), row.querySelector('.label-description')].map((part) => part?.textContent?.trim() ?? '').join(' | ')));
  const pick = async (text: string | RegExp) => {
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
  };

  before(async () => {
    workbench = await openWorkbench({ emulator: { extraLicenses: 2 } });
    control = new EmulatorControl(workbench.emulator.url);
    const { page } = workbench;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    sidebar = page.locator('#workbench\\.parts\\.sidebar');
    statusItem = page.locator('#workbench\\.parts\\.statusbar [id="s-connector.s-connector-vscode.sconnector.status"]');
    frame = reportFrame(page);
    await page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    await signInByHand(page, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    await sidebar.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 30_000 });
    firstLabel = new URL(workbench.emulator.url).host;
  });
  after(() => workbench?.close());

  it('adds a second license from the palette; the tree shows both under the All licenses total', async () => {
    const { page } = workbench;
    const keys = extraLicenseKeys(1);
    await runCommand(page, 'S-Connector: Add License…');
    await answerInput(page, 'Customer 1', /Add S-Connector License \(1\/4\)/);
    // The API URL is offered from the setting: the emulator's.
    await page.locator('.quick-input-title', { hasText: /\(2\/4\)/ }).waitFor();
    assert.equal(await page.locator('.quick-input-widget input.input').inputValue(), workbench.emulator.url);
    await answerInput(page, workbench.emulator.url, /Add S-Connector License \(2\/4\)/);
    await answerInput(page, keys.accessKey, /Add S-Connector License \(3\/4\)/);
    await page.locator('.quick-input-title', { hasText: /\(4\/4\)/ }).waitFor();
    assert.equal(await page.locator('.quick-input-widget input.input').getAttribute('type'), 'password');
    await answerInput(page, keys.secretKey, /Add S-Connector License \(4\/4\)/);
    await sidebar.locator('.monaco-list-row', { hasText: 'All licenses' }).waitFor({ timeout: 30_000 });
    const data = await control.data();
    const extra = data.extraLicenses[0]!;
    // Both licenses counted: the total names every room.
    await sidebar.locator('.monaco-list-row', { hasText: new RegExp(`All licenses\\s*${data.rooms.length + extra.rooms.length} / `) }).waitFor();
    const rows = await rowTexts();
    assert.deepEqual(rows.slice(0, 3), [
      `All licenses | ${data.rooms.length + extra.rooms.length} / ${10 + extra.license.roomLimit} rooms`,
      `${firstLabel} | ${data.rooms.length} / 10 rooms · trial`,
      `Customer 1 | ${extra.rooms.length} / ${extra.license.roomLimit} rooms · customer1.example · current`,
    ]);
    // Expanded, a license shows what a single license shows: its license node and its live rooms.
    await sidebar.locator('.monaco-list-row', { hasText: 'Customer 1' }).click();
    await sidebar.locator('.monaco-list-row', { hasText: 'customer1.example' }).nth(1).waitFor();
    for (const room of extra.rooms) await sidebar.locator('.monaco-list-row', { hasText: room.roomName }).first().waitFor();
    await screenshot(page, 'licenses');
  });

  it('switches licenses from the palette, each shown with its counts; the status bar follows', async () => {
    const { page } = workbench;
    const data = await control.data();
    const extra = data.extraLicenses[0]!;
    await statusItem.filter({ hasText: `${extra.rooms.length}/${extra.license.roomLimit}` }).waitFor();
    await runCommand(page, 'S-Connector: Switch License…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Customer 1' }).waitFor();
    const items = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
    assert.ok(items.some((item) => item.includes(firstLabel) && item.includes(`${data.rooms.length} / 10 rooms`)), JSON.stringify(items));
    assert.ok(items.some((item) => item.includes('Customer 1') && item.includes(`${extra.rooms.length} / ${extra.license.roomLimit} rooms`)), JSON.stringify(items));
    await pick(firstLabel);
    await statusItem.filter({ hasText: `${data.rooms.length}/10` }).waitFor();
    await statusItem.hover();
    const hover = page.locator('.monaco-hover', { hasText: 'All licenses' });
    await hover.waitFor();
    assert.match((await hover.innerText()).replace(/\s+/g, ' '), new RegExp(`Customer 1: ${extra.rooms.length}/${extra.license.roomLimit}`));
    await page.keyboard.press('Escape');
  });

  it("opens a report on all licenses with each license's totals and a chart stacked by license", async () => {
    const { page } = workbench;
    await runCommand(page, 'S-Connector: Open Usage Report');
    await pick('All licenses');
    await pick('Last 30 days');
    await frame.locator('#licenses-table').waitFor({ timeout: 30_000 });
    const start = await frame.locator('#start').evaluate((field) => (field as HTMLInputElement).value);
    const end = await frame.locator('#end').evaluate((field) => (field as HTMLInputElement).value);
    const data = await control.data();
    const inRange = (records: readonly { createdAt: string }[]) => records.filter((record) => record.createdAt.slice(0, 10) >= start && record.createdAt.slice(0, 10) <= end).length;
    const rows = (await frame.locator('#licenses-table tbody tr').allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
    assert.deepEqual(rows.map((row) => [row[0], row[1], row[4]]), [
      [firstLabel, inRange(data.records).toLocaleString('en-US'), 'Included'],
      ['Customer 1', inRange(data.extraLicenses[0]!.records).toLocaleString('en-US'), 'Included'],
    ]);
    assert.deepEqual(await frame.locator('#day-legend li').allInnerTexts(), [firstLabel, 'Customer 1']);
    assert.equal(await frame.locator('#meetings thead th').first().innerText(), 'License');
    await page.keyboard.press('Control+W');
  });

  it('creates an owner token, copied to the clipboard, with its expiry and claims shown', async () => {
    const { page } = workbench;
    await control.clearStats();
    await runCommand(page, 'S-Connector: Create Access Token…');
    await page.locator('.quick-input-title', { hasText: /Create Access Token for .* \(1\/2\)/ }).waitFor();
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('0');
    await page.locator('.quick-input-message', { hasText: 'whole minutes, from 1 to 43200' }).waitFor();
    await answerInput(page, '30', /Create Access Token for .* \(1\/2\)/);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'With owner rights (isOwner)' }).waitFor();
    assert.match(await page.locator('.quick-input-list').innerText(), /admin rights in the rooms created with it/);
    await pick('With owner rights (isOwner)');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Copied an access token' });
    await dialog.waitFor({ timeout: 30_000 });
    const shown = await dialog.innerText();
    assert.match(shown, /isOwner: true/);
    assert.match(shown, /exp: \d+ \(/);
    const token = await page.evaluate(() => navigator.clipboard.readText());
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { isOwner?: boolean; iat: number; exp: number; accessKey: string };
    assert.equal(claims.isOwner, true);
    assert.equal(claims.exp - claims.iat, 30 * 60);
    assert.equal(claims.accessKey, DEMO_ACCESS_KEY, "the current license's keys");
    assert.deepEqual((await control.stats()).signIns, [{ accessKey: DEMO_ACCESS_KEY, expires: 30, isOwner: true }]);
    assert.ok(!shown.includes(token), 'the dialog shows the claims, not the token');
    await dialog.locator('a.monaco-button', { hasText: 'OK' }).click();
  });

  it('removes a license after asking; the other stays signed in, across a reload', async () => {
    const { page } = workbench;
    await runCommand(page, 'S-Connector: Remove License…');
    await pick('Customer 1');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Remove the license "Customer 1"?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Its secret key is deleted from this machine/);
    await dialog.locator('a.monaco-button', { hasText: /^Remove$/ }).click();
    await sidebar.locator('.monaco-list-row', { hasText: 'All licenses' }).waitFor({ state: 'detached' });
    await sidebar.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor();
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForEvent('load', { timeout: 60_000 });
    await page.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.monaco-list-row', { hasText: 'Customer 1' }).count(), 0);
  });
});
