import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { EmulatorControl, monthSoFarSeconds } from '../emulator/control';
import { CONCURRENCY_BURST } from '../emulator/data';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { addWorkspaceSettings, burstDay, chooseZone, openWorkbench, reportFrame, runCommand, screenshot, showRange, signInByHand, type Workbench } from './workbench';

/**
 * Capacity and trends as a user sees them, on the emulator's generated data: the month in the tree,
 * the known concurrency burst read off the report, and a monthly usage alert that fires once at 80 %.
 */
describe('Capacity, month and alerts in the real workbench (Chromium)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let control: EmulatorControl;
  let frame: FrameLocator;
  let sidebar: Locator;

  /** This month's meeting hours so far, from the emulator's records. */
  const monthSoFarHours = async () => monthSoFarSeconds((await control.data()).records) / 3600;

  before(async () => {
    workbench = await openWorkbench({ timezoneId: 'Asia/Seoul' });
    control = new EmulatorControl(workbench.emulator.url);
    sidebar = workbench.page.locator('#workbench\\.parts\\.sidebar');
    await workbench.page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    await signInByHand(workbench.page, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    await sidebar.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 30_000 });
    frame = reportFrame(workbench.page);
  });
  after(() => workbench?.close());

  it("shows this month so far and its forecast under the license, from the emulator's records", async () => {
    const row = sidebar.locator('.monaco-list-row', { hasText: 'This month' });
    await row.waitFor({ timeout: 30_000 });
    const description = await row.locator('.label-description').innerText();
    const match = /^([\d.,]+) h so far · about ([\d.,]+) h by month end$/.exec(description);
    assert.ok(match, description);
    const soFar = Number(match[1]!.replace(/,/g, ''));
    const expected = await monthSoFarHours();
    assert.ok(Math.abs(soFar - expected) <= (expected < 10 ? 0.05 : 0.5), `${soFar} h shown, ${expected} h in the emulator's records`);
    assert.ok(Number(match[2]!.replace(/,/g, '')) >= soFar, 'the forecast is at least what is used so far');
    await screenshot(workbench.page, 'tree-month');
  });

  it('reads the known burst off the report: 7 rooms at once, at the limit for 54 minutes', async () => {
    const { page } = workbench;
    await control.configure({ roomLimit: CONCURRENCY_BURST.rooms });
    await runCommand(page, 'S-Connector: Refresh');
    await sidebar.locator('.monaco-list-row', { hasText: `/ ${CONCURRENCY_BURST.rooms} rooms` }).first().waitFor({ timeout: 15_000 });
    const day = await burstDay(control);
    await runCommand(page, 'S-Connector: Open Usage Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Last 7 days' }).click();
    await frame.locator('#summary-total').waitFor({ timeout: 30_000 });
    await chooseZone(frame, 'UTC');
    await frame.locator('#status', { hasText: 'are in UTC' }).waitFor();
    await showRange(frame, day, day);
    await frame.locator('#status', { hasText: `${day} (1 day)` }).waitFor();
    assert.equal(await frame.locator('#capacity-peak .value').innerText(), `7 of ${CONCURRENCY_BURST.rooms}`);
    assert.match(await frame.locator('#capacity-peak .detail').innerText(), new RegExp(`^first at ${day} 09:06:00`));
    // Near the limit (6 of 7 rooms, 80 %) from 09:05 to 10:01; at the limit from 09:06 to 10:00.
    assert.equal(await frame.locator('#capacity-warning .value').innerText(), '56 min on 1 day');
    assert.equal(await frame.locator('#capacity-limit .value').innerText(), '54 min on 1 day');
    await screenshot(page, 'report-capacity-burst');
  });

  it('alerts once when the month reaches 80 % of its budget, and not again', async () => {
    const { page } = workbench;
    const used = await monthSoFarHours();
    // A budget the month has used 90 % of: past the 80 % step, short of 100 %.
    addWorkspaceSettings(workbench, { 'sconnector.alerts.monthlyHours': Math.round((used / 0.9) * 100) / 100 });
    await runCommand(page, 'Notifications: Show Notifications');
    const alert = page.locator('.notifications-center .notification-list-item', { hasText: '80 % of the monthly budget used' });
    await alert.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.notifications-center .notification-list-item', { hasText: 'of the monthly budget used' }).count(), 1, 'one step, once');
    // Another change of the alert settings checks the figure again: the 80 % step has been said.
    addWorkspaceSettings(workbench, { 'sconnector.alerts.liveRooms': { rooms: 1000, minutes: 5 } });
    await runCommand(page, 'S-Connector: Refresh');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(await page.locator('.notifications-center .notification-list-item', { hasText: 'of the monthly budget used' }).count(), 1, 'not again');
    await screenshot(page, 'alert-monthly');
    await runCommand(page, 'Notifications: Hide Notifications');
  });
});
