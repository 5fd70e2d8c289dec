import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { addDays } from '../../src/report/dateRange';
import { todayIn } from '../../src/report/timeZone';
import { answerInput, chooseZone, openWorkbench, reportFrame, runCommand, screenshot, signInByHand, type Workbench } from './workbench';

/** The usage report as a user sees it: a real workbench, a real webview, a user in Seoul. */
describe('Usage report in the real workbench (Chromium)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let frame: FrameLocator;
  const dialogs: string[] = [];

  const cells = async (column: number) => frame.locator(`#meetings tbody tr td:nth-child(${column})`).allInnerTexts();

  before(async () => {
    workbench = await openWorkbench({ timezoneId: 'Asia/Seoul' });
    workbench.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await workbench.page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    await signInByHand(workbench.page, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    await workbench.page.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 30_000 });
    frame = reportFrame(workbench.page);
  });
  after(() => workbench?.close());

  it('opens its panel while the range is chosen, and closes it again when the user gives up', async () => {
    const { page } = workbench;
    const tab = page.locator('.tabs-container .tab', { hasText: 'S-Connector Usage' });
    await runCommand(page, 'S-Connector: Open Usage Report');
    const picker = page.locator('.quick-input-widget .quick-input-title', { hasText: 'S-Connector usage report' });
    await picker.waitFor();
    // Behind the picker, the page has started, with the range the picker offers first (Today).
    await frame.locator('#choosing', { hasText: 'Choose the days to report on in the picker at the top of the window' }).waitFor({ timeout: 30_000 });
    const offered = await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Today' }).locator('.label-description').innerText();
    const start = await frame.locator('#start input').inputValue();
    assert.match(start, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(offered.includes(start), `${offered} offered, ${start} shown`);
    assert.equal(await frame.locator('#end input').inputValue(), start);
    assert.equal(await tab.count(), 1);
    assert.ok(await page.locator('.quick-input-widget input.input').evaluate((input) => input === document.activeElement), 'the picker kept the focus');
    // The figures so far it draws off screen meanwhile (so that the first real ones draw fast) are
    // taken away once painted: the hint is all the page holds.
    await frame.locator(`body[data-rehearsed$="..${start}"]`).waitFor({ state: 'attached' });
    assert.equal(await frame.locator('.rehearsal').count(), 0);
    assert.deepEqual(await frame.locator('#content > *').evaluateAll((children) => children.map((child) => child.id)), ['choosing']);
    await screenshot(page, 'report-choosing');
    await page.keyboard.press('Escape');
    await tab.waitFor({ state: 'detached' });
  });

  it('takes the range picker away when its panel is closed while the user chooses', async () => {
    const { page } = workbench;
    const tab = page.locator('.tabs-container .tab', { hasText: 'S-Connector Usage' });
    await runCommand(page, 'S-Connector: Open Usage Report');
    await frame.locator('#choosing').waitFor({ timeout: 30_000 });
    // The picker lies over the tab's close button: the click goes to the button itself.
    await tab.locator('.tab-actions .action-label').dispatchEvent('click');
    await tab.waitFor({ state: 'detached' });
    // The picker stays open while the user clicks in its panel, but not once the panel is gone.
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it('asks for a custom range, validating as you type, and opens the report', async () => {
    const { page } = workbench;
    await runCommand(page, 'S-Connector: Open Usage Report');
    // A click into the panel opened behind the picker leaves the picker open.
    await frame.locator('#choosing').click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Custom range…' }).click();
    await page.locator('.quick-input-title', { hasText: /Custom range \(1\/2\)/ }).waitFor();
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('2021-02-30');
    await page.locator('.quick-input-message', { hasText: '2021-02-30 is not a real date.' }).waitFor();
    await answerInput(page, '2021-02-20', /Custom range \(1\/2\)/);
    await page.locator('.quick-input-title', { hasText: /Custom range \(2\/2\)/ }).waitFor();
    await input.fill('2021-02-19');
    await page.locator('.quick-input-message', { hasText: 'before the start date' }).waitFor();
    await answerInput(page, '2021-02-25', /Custom range \(2\/2\)/);
    await frame.locator('#summary-total').waitFor({ timeout: 30_000 });
  });

  it("reads the summary of the document's sample: 4 meetings, 49,951 s", async () => {
    assert.equal(await frame.locator('#summary-meetings .value').innerText(), '4');
    assert.equal(await frame.locator('#summary-total .detail').innerText(), '49,951 s');
    assert.equal(await frame.locator('#summary-rooms .value').innerText(), '3');
    assert.match(await frame.locator('#summary-longest .detail').innerText(), /^gsdagd, 2021-02-22 21:39:26$/);
    assert.match(await frame.locator('#status').innerText(), /Asked the server for 2021-02-20 – 2021-02-25 \(6 days\)\. Days and times below are in Asia\/Seoul/);
    await screenshot(workbench.page, 'report-sample');
  });

  it('keeps the open report when the user gives up choosing another', async () => {
    const { page } = workbench;
    await runCommand(page, 'S-Connector: Open Usage Report');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'S-Connector usage report' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The command again: its picker shows once the extension has handled the Escape before it (a
    // wrong close would have come by then).
    await runCommand(page, 'S-Connector: Open Usage Report');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'S-Connector usage report' }).waitFor();
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'S-Connector Usage' }).count(), 1);
    assert.equal(await frame.locator('#summary-meetings .value').innerText(), '4');
    assert.equal(await frame.locator('#choosing').count(), 0);
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it("shows the capacity of the document's sample: peak 1, and gsdagd from 21:39 on the 22nd overlapping nothing", async () => {
    const limit = (await new EmulatorControl(workbench.emulator.url).data()).license.roomLimit;
    assert.equal(await frame.locator('#capacity-peak .value').innerText(), `1 of ${limit}`);
    assert.match(await frame.locator('#capacity-peak .detail').innerText(), /^first at 2021-02-21 11:34:52 · new$/);
    assert.equal(await frame.locator('#capacity-limit .value').innerText(), 'never');
    await frame.locator('#capacity details summary', { hasText: 'Peak per day' }).click();
    await frame.locator('#peak-per-day tbody tr').first().waitFor(); // built when first opened
    const rows = await frame.locator('#peak-per-day tbody tr').allInnerTexts();
    assert.deepEqual(rows.map((row) => row.split('\t').slice(0, 3).join(' ')), [
      '2021-02-20 0 –', '2021-02-21 1 11:34', '2021-02-22 1 09:12', '2021-02-23 1 00:00', '2021-02-24 0 –', '2021-02-25 0 –',
    ]);
    assert.match(await frame.locator('#capacity-clipped').innerText(), /no meeting crossed its edges/);
    // The step chart is drawn from the meetings: one canvas, with the room limit's line across it.
    await frame.locator('#concurrency-chart canvas').waitFor();
    const across = await frame.locator('#concurrency-chart').evaluate((chart) => {
      const canvas = chart.querySelector('canvas')!;
      const over = chart.querySelector('.u-over')!.getBoundingClientRect();
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      // The theme's red as the canvas paints it.
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-red').trim() || '#f14c4c';
      probe.fillRect(0, 0, 1, 1);
      const red = probe.getImageData(0, 0, 1, 1).data;
      // The peak (1) is under the limit, so the y scale runs to 1.15 × the limit.
      const y = Math.round((over.top - box.top + over.height * (1 - 1 / 1.15)) * scale);
      const left = Math.round((over.left - box.left) * scale);
      const width = Math.round(over.width * scale);
      const pixels = canvas.getContext('2d')!.getImageData(left, y - 3, width, 7).data;
      let columns = 0;
      for (let x = 0; x < width; x++) {
        for (let row = 0; row < 7; row++) {
          const at = (row * width + x) * 4;
          if (pixels[at + 3]! > 0 && [0, 1, 2].every((c) => Math.abs(pixels[at + c]! - red[c]!) < 60)) {
            columns++;
            break;
          }
        }
      }
      return columns / width;
    });
    assert.ok(across > 0.9, `the limit's line covers ${Math.round(across * 100)} % of the chart's width`);
    // The heatmap: Monday 21:00 holds gsdagd's first 20 min 34 s (21:39:26 to 22:00).
    assert.equal(await frame.locator('#heatmap tbody tr').nth(0).locator('td.cell').nth(21).getAttribute('data-seconds'), '1234');
    assert.match(await frame.locator('#heatmap tbody tr').nth(0).locator('td.cell').nth(21).getAttribute('title') ?? '', /21:00–22:00: 21 min/);
    // Compared with the six days before, which have no meetings: every figure is new.
    assert.equal(await frame.locator('#comparison').innerText(), 'Arrows compare with the 6 days before: 2021-02-14 to 2021-02-19.');
    assert.equal(await frame.locator('#summary-total .change').innerText(), 'new');
    await screenshot(workbench.page, 'report-capacity');
  });

  it('keeps a date being typed when the period before comes after the report', async () => {
    // The period before (asked once the report is read) comes 2 s late, while the user types.
    await new EmulatorControl(workbench.emulator.url).addFault({ type: 'latency', ms: 2_000, path: '/v1/static', query: 'startTime=2021-02-14', times: 1 });
    await frame.locator('#apply').click();
    await frame.locator('#comparison', { hasText: 'Loading 2021-02-14 to 2021-02-19 to compare with…' }).waitFor();
    await frame.locator('#start input').fill('2021-02-21');
    await frame.locator('#comparison', { hasText: 'Arrows compare with the 6 days before' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#start input').inputValue(), '2021-02-21', 'the typed date stays');
    await frame.locator('#start input').fill('2021-02-20');
  });

  it("reads out the day under the pointer on the per-day chart, with that day's figures", async () => {
    const readout = frame.locator('#day-readout');
    assert.equal(await readout.innerText(), 'Point at a day to see its usage.');
    // Six days, 2021-02-20 to 25, drawn from -0.6 to 5.4: the third bar is the 22nd.
    await frame.locator('#day-chart').scrollIntoViewIfNeeded();
    const box = (await frame.locator('#day-chart .u-over').boundingBox())!;
    await workbench.page.mouse.move(box.x + box.width * (2.6 / 6), box.y + box.height / 2);
    await frame.locator('#day-readout', { hasText: '2021-02-22' }).waitFor();
    assert.equal(await readout.innerText(), '2021-02-22: 13 h 42 min in 3 meetings');
    await workbench.page.mouse.move(box.x + box.width * (0.6 / 6), box.y + box.height / 2);
    await frame.locator('#day-readout', { hasText: '2021-02-20' }).waitFor();
    assert.equal(await readout.innerText(), '2021-02-20: no meetings');
    await workbench.page.mouse.move(box.x + box.width / 2, box.y - 60); // off the chart
    await frame.locator('#day-readout', { hasText: 'Point at a day' }).waitFor();
  });

  it('lists the meetings in the table, newest first, in the local time zone', async () => {
    assert.deepEqual(await cells(1), ['gsdagd', 'test', 'test', '12312']);
    assert.deepEqual(await cells(2), ['2021-02-22 21:39:26', '2021-02-22 13:45:20', '2021-02-22 09:12:58', '2021-02-21 11:34:52']);
  });

  it('sorts by a column, both ways, from the keyboard-usable header buttons', async () => {
    await frame.locator('#meetings th button[data-sort="seconds"]').click();
    assert.deepEqual(await cells(3), ['11:55:36', '1:22:04', '0:24:41', '0:10:10']);
    assert.equal(await frame.locator('#meetings th[aria-sort="descending"]').innerText(), 'Duration ▼');
    await frame.locator('#meetings th button[data-sort="seconds"]').press('Enter');
    assert.deepEqual(await cells(3), ['0:10:10', '0:24:41', '1:22:04', '11:55:36']);
  });

  it('filters by room', async () => {
    await frame.locator('#filter input').fill('TES');
    await frame.locator('#page-info', { hasText: 'of 2 meetings (filtered from 4)' }).waitFor();
    assert.deepEqual(await cells(1), ['test', 'test']);
  });

  it('switches the times to UTC, to a zone found by name, and back', async () => {
    await chooseZone(frame, 'UTC');
    await frame.locator('#status', { hasText: 'are in UTC' }).waitFor();
    assert.ok((await cells(2)).every((cell) => ['2021-02-22 04:45:20', '2021-02-22 00:12:58'].includes(cell)), 'UTC times');
    await chooseZone(frame, 'kolk', 'Asia/Kolkata');
    await frame.locator('#status', { hasText: 'are in Asia/Kolkata' }).waitFor();
    assert.ok((await cells(2)).every((cell) => ['2021-02-22 10:15:20', '2021-02-22 05:42:58'].includes(cell)), 'Kolkata times (+05:30)');
    await chooseZone(frame, 'Local', 'Local (Asia/Seoul)');
    await frame.locator('#status', { hasText: 'Asia/Seoul' }).waitFor();
    assert.ok((await cells(2)).every((cell) => ['2021-02-22 13:45:20', '2021-02-22 09:12:58'].includes(cell)), 'Seoul times again');
  });

  it('exports the filtered, sorted view as CSV through the save dialog', async () => {
    const { page } = workbench;
    const target = path.join(workbench.workspaceFolder, 's-connector-usage_2021-02-20_2021-02-25.csv');
    await frame.locator('#export-csv').click();
    // VS Code's own save dialog, proposing the report's file name in the workspace folder.
    await page.locator('.quick-input-title', { hasText: 'Export usage as CSV' }).waitFor();
    const input = page.locator('.quick-input-widget input.input');
    await page.waitForFunction(
      (name) => document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value.endsWith(name),
      '/s-connector-usage_2021-02-20_2021-02-25.csv',
      { timeout: 10_000 },
    ).catch(async () => assert.fail(`the dialog proposed ${await input.inputValue()}`));
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 15_000;
    while (!fs.existsSync(target) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const csv = fs.readFileSync(target, 'utf8');
    assert.equal(csv, '\uFEFFRoom,Started (Asia/Seoul),Duration (s),Duration\r\ntest,2021-02-22 13:45:20,1481,0:24:41\r\ntest,2021-02-22 09:12:58,4924,1:22:04\r\n');
  });

  it('shows an HTML-like room name as text, and runs nothing', async () => {
    const { page } = workbench;
    await frame.locator('#filter input').fill('');
    const days = 179;
    const end = new Date();
    const start = new Date(end.getTime() - days * 86_400_000);
    await frame.locator('#start input').fill(start.toISOString().slice(0, 10));
    await frame.locator('#end input').fill(end.toISOString().slice(0, 10));
    await frame.locator('#apply').click();
    await frame.locator('#top-rooms').waitFor({ timeout: 30_000 });
    await frame.locator('#filter input').fill('<img');
    await frame.locator('#meetings tbody tr td', { hasText: '<img src=x onerror=alert(1)>' }).first().waitFor();
    assert.ok((await frame.locator('#rooms-table').innerText()).includes('<img src=x onerror=alert(1)>'));
    assert.equal(await frame.locator('img').count(), 0, 'no element was made from the name');
    assert.deepEqual(dialogs, [], 'no alert ran');
    await screenshot(page, 'report-range');
  });

  it('shows a failed load with its reason, and its Retry button brings the report', async () => {
    const control = new EmulatorControl(workbench.emulator.url);
    await control.addFault({ type: 'status', status: 503, path: '/v1/static', times: -1 });
    await frame.locator('#start input').fill('2021-02-20');
    await frame.locator('#end input').fill('2021-02-25');
    await frame.locator('#apply').click();
    const alert = frame.locator('[role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.locator('.message').innerText(), /HTTP 503/);
    await control.clearFaults();
    await frame.locator('#retry').click();
    await frame.locator('#summary-total').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#summary-meetings .value').innerText(), '4');
    assert.equal(await alert.count(), 0, 'the error is gone');
  });

  it('says it is loading while the answer is awaited, with a spinner screen readers are not read', async () => {
    // The answer comes after 2 s: meanwhile the page waits for it.
    await new EmulatorControl(workbench.emulator.url).addFault({ type: 'latency', ms: 2_000, path: '/v1/static', query: 'startTime=2021-02-19', times: 1 });
    await frame.locator('#start input').fill('2021-02-19');
    await frame.locator('#apply').click();
    await frame.getByRole('status').filter({ hasText: 'Loading usage for 2021-02-19 – 2021-02-25 (7 days)…' }).waitFor();
    assert.equal(await frame.locator('#load-spinner').getAttribute('aria-hidden'), 'true');
    await frame.locator('#summary-total').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#load-spinner').count(), 0);
    await frame.locator('#start input').fill('2021-02-20');
    await frame.locator('#apply').click();
    await frame.locator('body[data-drawn-complete="2021-02-20..2021-02-25"]').waitFor({ state: 'attached', timeout: 30_000 });
  });

  it('shows how far a slow answer has come, in meetings and bytes, with the figures read so far, and Cancel stops it and brings back the report before', async () => {
    // Half a year of the emulator's meetings (about 180 KB) over a link of 20 KB a second.
    const start = addDays(todayIn('Asia/Seoul', Date.now()), -170);
    await new EmulatorControl(workbench.emulator.url).addFault({ type: 'trickle', bytesPerSecond: 20_000, path: '/v1/static', query: `startTime=${start}`, times: 1 });
    await frame.locator('#start input').fill(start);
    await frame.locator('#end input').fill(todayIn('Asia/Seoul', Date.now()));
    await frame.locator('#apply').click();
    // Meetings as they are read, kilobytes of the length the server said (under a megabyte).
    const progress = frame.locator('#load-progress', { hasText: /^[1-9][\d,]* meetings read, \d+ of \d{2,3} KB$/ });
    await progress.waitFor({ timeout: 30_000 });
    assert.notEqual(await frame.locator('#load-bar').getAttribute('max'), null, 'a bar with an end');
    assert.equal(await frame.locator('#load-spinner').count(), 0, 'the bar, not a spinner, once the answer arrives');
    // The totals and the days of the meetings read so far, said to be so, and drawn again as more come.
    const soFar = frame.locator('#so-far-meetings .value');
    await soFar.waitFor({ timeout: 30_000 });
    const first = await soFar.innerText();
    assert.ok(Number(first.replace(/\D/g, '')) >= 1, `${first} meetings so far`);
    assert.match(await frame.locator('#so-far-note').innerText(), /^So far: the figures of the meetings read until now\./);
    assert.equal(await frame.locator('#so-far-chart canvas').count() > 0, true, 'the per-day chart so far is drawn');
    assert.equal(await frame.locator('#summary-total').count(), 0, 'not taken for the report');
    await frame.locator('#so-far-meetings .value').filter({ hasNotText: new RegExp(`^${first}$`) }).waitFor({ timeout: 30_000 });
    await screenshot(workbench.page, 'report-progress');
    await frame.locator('#cancel').click();
    await frame.locator('#summary-total').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#summary-meetings .value').innerText(), '4', 'the report before, whole');
    assert.equal(await frame.locator('#start input').inputValue(), '2021-02-20', 'with its range');
    assert.equal(await frame.locator('#end input').inputValue(), '2021-02-25');
    assert.equal(await frame.locator('#so-far').count(), 0, 'the figures so far are gone with their load');
  });

  it('opens the next report in the zone chosen last, named in the picker', async () => {
    const { page } = workbench;
    await chooseZone(frame, 'kolk', 'Asia/Kolkata');
    await frame.locator('#status', { hasText: 'are in Asia/Kolkata' }).waitFor();
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'S-Connector: Open Usage Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Custom range…' }).click();
    await answerInput(page, '2021-02-20', /Custom range \(1\/2\)/);
    await answerInput(page, '2021-02-25', /Custom range \(2\/2\)/);
    await frame.locator('#status', { hasText: 'are in Asia/Kolkata' }).waitFor({ timeout: 30_000 });
    // The new page lists only the zone chosen until the picker is used: it is the one shown.
    assert.equal(await frame.locator('#zone input').inputValue(), 'Asia/Kolkata');
    assert.ok((await cells(2)).includes('2021-02-22 10:15:20'), 'Kolkata times (+05:30)');
    await chooseZone(frame, 'Local', 'Local (Asia/Seoul)');
    await frame.locator('#status', { hasText: 'are in Asia/Seoul' }).waitFor();
  });

  it('comes back after a window reload with its range', async () => {
    const { page } = workbench;
    const status = await frame.locator('#status').innerText();
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForEvent('load', { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await reportFrame(page).locator('#summary-total').waitFor({ timeout: 60_000 });
    assert.equal((await reportFrame(page).locator('#status').innerText()).split('.')[0], status.split('.')[0]);
  });
});
