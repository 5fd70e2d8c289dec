import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { answerInput, openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

/** What a user sees in the sidebar and status bar of a real workbench, signing in by hand. */
describe('Live Rooms in the real workbench (Chromium)', function () {
  this.timeout(120_000);
  let workbench: Workbench;
  let control: EmulatorControl;
  let sidebar: Locator;
  let statusItem: Locator;

  before(async () => {
    workbench = await openWorkbench();
    control = new EmulatorControl(workbench.emulator.url);
    sidebar = workbench.page.locator('#workbench\\.parts\\.sidebar');
    statusItem = workbench.page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'S-Connector' });
  });
  after(() => workbench?.close());

  it('shows the S-Connector container with a welcome view and a Sign In button', async () => {
    const { page } = workbench;
    await page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 30_000 });
    assert.match(await welcome.innerText(), /Sign in with your S-Connector access key and secret key/);
    assert.equal(await welcome.locator('a.monaco-button', { hasText: 'Sign In' }).count(), 1);
    await statusItem.waitFor();
    await screenshot(page, 'welcome');
  });

  it('signs in through the command palette, the secret typed into a password box', async () => {
    const { page } = workbench;
    await runCommand(page, 'S-Connector: Sign In');
    await answerInput(page, DEMO_ACCESS_KEY, /Sign in to S-Connector \(1\/2\)/);
    await page.locator('.quick-input-title', { hasText: /\(2\/2\)/ }).waitFor();
    assert.equal(await page.locator('.quick-input-widget input.input').getAttribute('type'), 'password');
    await answerInput(page, DEMO_SECRET_KEY, /Sign in to S-Connector \(2\/2\)/);
    await sidebar.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 30_000 });
  });

  it('lists the license and every live room of the emulator, as rows a user reads', async () => {
    const { page } = workbench;
    const data = await control.data();
    const rows = sidebar.locator('.monaco-list-row');
    await rows.filter({ hasText: 'gsdagd' }).waitFor();
    const text = (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
    assert.ok(text.some((row) => row.includes('trial') && row.includes(`${data.rooms.length} / 10 rooms`)), `license row in ${JSON.stringify(text)}`);
    for (const room of data.rooms) assert.ok(text.some((row) => row.startsWith(room.roomName)), `row for ${room.roomName}`);
    assert.ok(text.some((row) => row.includes('gsdagd') && row.includes('In meeting · 2 users')));
    await screenshot(page, 'live-rooms');
  });

  it('shows an HTML-like room name as text, with no element made from it', async () => {
    const row = sidebar.locator('.monaco-list-row', { hasText: '<img src=x onerror=alert(1)>' });
    assert.equal(await row.count(), 1);
    assert.equal(await sidebar.locator('img[src="x"]').count(), 0);
  });

  it('shows live rooms against the limit in the status bar', async () => {
    const { page } = workbench;
    const inUse = (await control.data()).rooms.length;
    const count = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: `${inUse}/10` });
    await count.waitFor();
    assert.equal((await count.innerText()).trim(), `${inUse}/10`);
  });

  it('turns the status bar to a warning near the limit', async () => {
    const { page } = workbench;
    const inUse = (await control.data()).rooms.length;
    await control.configure({ roomLimit: inUse + 1 });
    await runCommand(page, 'S-Connector: Refresh');
    const item = page.locator('#workbench\\.parts\\.statusbar .statusbar-item.warning-kind', { hasText: `${inUse}/${inUse + 1}` });
    await item.waitFor({ timeout: 15_000 });
    await screenshot(page, 'status-bar-warning');
    // Toasts are not drawn in this headless workbench; the notification center lists what was raised.
    await runCommand(page, 'Notifications: Show Notifications');
    const notification = page.locator('.notifications-center .notification-list-item', { hasText: `${inUse} of ${inUse + 1} rooms are in use` });
    await notification.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.notifications-center .notification-list-item', { hasText: 'rooms are in use' }).count(), 1, 'said once');
    await notification.locator('a.monaco-button', { hasText: "Don't Show Again" }).click();
    await runCommand(page, 'Notifications: Hide Notifications');
  });

  it('keeps the rooms on screen with a visible error when the server fails', async () => {
    const { page } = workbench;
    await control.addFault({ type: 'status', status: 503, times: -1 });
    await runCommand(page, 'S-Connector: Refresh');
    const error = sidebar.locator('.monaco-list-row', { hasText: 'Refresh failed: showing older data' });
    await error.waitFor({ timeout: 15_000 });
    assert.ok((await sidebar.locator('.monaco-list-row', { hasText: 'gsdagd' }).count()) === 1, 'the last rooms are still listed');
    // The row is marked with a warning icon, not only with words.
    const warningIcon = error.locator('.custom-view-tree-node-item-icon.codicon-warning');
    assert.equal(await warningIcon.count(), 1, 'the error row has a warning icon');
    assert.ok(await warningIcon.isVisible(), 'the warning icon is visible');
    // The view's message, above the rows, says what the user is looking at.
    const message = sidebar.locator('.tree-explorer-viewlet-tree-view > .message', { hasText: 'The last refresh failed' });
    await message.waitFor({ timeout: 5_000 });
    assert.match((await message.innerText()).trim(), /^The last refresh failed; showing data from .+ \(.+\)\.$/);
    await screenshot(page, 'stale-error'); // for the docs
    await control.clearFaults();
  });
});
