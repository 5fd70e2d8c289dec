import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { EmulatorControl, monthSoFarSeconds } from '../emulator/control';
import { CONCURRENCY_BURST } from '../emulator/data';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { addWorkspaceSettings, answerInput, burstDay, chooseZone, openWorkbench, reportFrame, runCommand, screenshot, showRange, type Workbench } from './workbench';

/**
 * The capacity and trend figures as a Korean-speaking user sees them: VS Code's display language
 * is Korean (`--locale ko`), so the extension's manifest, tree, notifications and report page
 * speak Korean. VS Code's own strings stay English here (no Korean pack for VS Code itself can be
 * installed offline; see registerLanguagePack in test/harness/codeServer.ts).
 * Every string below is what the Korean translation files say; the figures are the same ones the
 * English tests read off the same emulator data.
 */
describe('Capacity and trends in Korean, in the real workbench (Chromium)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let control: EmulatorControl;
  let frame: FrameLocator;
  let sidebar: Locator;

  const text = (selector: string) => frame.locator(selector).innerText();

  before(async () => {
    workbench = await openWorkbench({ timezoneId: 'Asia/Seoul', locale: 'ko' });
    control = new EmulatorControl(workbench.emulator.url);
    sidebar = workbench.page.locator('#workbench\\.parts\\.sidebar');
    await workbench.page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    // The welcome view and the command speak Korean before anyone signs in.
    await sidebar.locator('.welcome-view-content', { hasText: '액세스 키와 비밀 키로 로그인하면' }).waitFor({ timeout: 30_000 });
    await runCommand(workbench.page, 'S-Connector: 로그인');
    await answerInput(workbench.page, DEMO_ACCESS_KEY, /S-Connector에 로그인 \(1\/2\)/);
    await answerInput(workbench.page, DEMO_SECRET_KEY, /S-Connector에 로그인 \(2\/2\)/);
    await sidebar.locator('.monaco-list-row', { hasText: '라이브 회의실' }).waitFor({ timeout: 30_000 });
    frame = reportFrame(workbench.page);
  });
  after(() => workbench?.close());

  it("shows this month so far and its forecast under the license, in Korean, from the emulator's records", async () => {
    const row = sidebar.locator('.monaco-list-row', { hasText: '이번 달' });
    await row.waitFor({ timeout: 30_000 });
    const description = await row.locator('.label-description').innerText();
    const match = /^지금까지 ([\d.,]+)시간 · 월말까지 약 ([\d.,]+)시간$/.exec(description);
    assert.ok(match, description);
    const soFar = Number(match[1]!.replace(/,/g, ''));
    const expected = monthSoFarSeconds((await control.data()).records) / 3600;
    assert.ok(Math.abs(soFar - expected) <= (expected < 10 ? 0.05 : 0.5), `${soFar} h shown, ${expected} h in the emulator's records`);
    await screenshot(workbench.page, 'tree-month-ko');
  });

  it("shows the document's sample range in Korean: capacity, per-day peaks, heatmap, comparison and the month", async () => {
    const { page } = workbench;
    await runCommand(page, 'S-Connector: 사용량 보고서 열기');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '사용자 지정 기간…' }).click();
    await answerInput(page, '2021-02-20', /사용자 지정 기간 \(1\/2\)/);
    await answerInput(page, '2021-02-25', /사용자 지정 기간 \(2\/2\)/);
    await frame.locator('#summary-total').waitFor({ timeout: 30_000 });
    const { license } = await control.data();
    assert.equal(await text('#capacity h2'), '용량');
    assert.equal(await text('#capacity-peak .label'), '최대 동시 회의실 수');
    assert.equal(await text('#capacity-peak .value'), `1 / ${license.roomLimit}`);
    assert.equal(await text('#capacity-peak .detail'), '처음 2021-02-21 11:34:52 · 새로 사용');
    assert.equal(await text('#capacity-limit .label'), `한도 도달(회의실 ${license.roomLimit}개)`);
    assert.equal(await text('#capacity-limit .value'), '없음');
    await frame.locator('#capacity details summary', { hasText: '일별 최대' }).click();
    await frame.locator('#peak-per-day tbody tr').first().waitFor(); // built when first opened
    const rows = await frame.locator('#peak-per-day tbody tr').allInnerTexts();
    assert.deepEqual(rows.map((row) => row.split('\t').slice(0, 3).join(' ')), [
      '2021-02-20 0 –', '2021-02-21 1 11:34', '2021-02-22 1 09:12', '2021-02-23 1 00:00', '2021-02-24 0 –', '2021-02-25 0 –',
    ]);
    assert.equal(await text('#capacity-clipped'), '기간 안의 시간만 계산합니다. 기간 경계를 넘는 회의는 없습니다.');
    // The heatmap's weekdays are the page's language; Monday 21:00 holds gsdagd's first 20 min 34 s.
    assert.equal(await frame.locator('figcaption', { hasText: '회의가 열리는 때' }).innerText(), '회의가 열리는 때(요일 × 시간, Asia/Seoul)');
    const monday = frame.locator('#heatmap tbody tr').nth(0);
    assert.equal(await monday.locator('th').innerText(), '월');
    assert.equal(await monday.locator('td.cell').nth(21).getAttribute('title'), '월 21:00–22:00: 21분');
    assert.equal(await text('#comparison'), '화살표는 직전 6일(2021-02-14 ~ 2021-02-19)과 비교한 것입니다.');
    assert.equal(await text('#summary-total .change'), '새로 사용');
    // This month, beside the report: its heading names the month, its tiles the forecast and last month.
    const month = frame.locator('#month');
    await month.waitFor({ timeout: 30_000 });
    assert.match(await month.locator('h2').innerText(), /^이번 달\(\d{4}-\d{2}\)$/);
    assert.equal(await month.locator('#month-so-far .label').innerText(), '지금까지');
    assert.match(await month.locator('#month-so-far .detail').innerText(), /^지난달 같은 날까지 대비 /);
    assert.match(await month.locator('#month-forecast .value').innerText(), /^약 \d/);
    assert.match(await month.locator('#month-last .detail').innerText(), /^같은 날까지 \d/);
    await screenshot(page, 'report-capacity-ko');
  });

  it('reads the known burst off the report in Korean: 7 of 7 rooms, near the limit 56 min and at it 54 min', async () => {
    const { page } = workbench;
    await control.configure({ roomLimit: CONCURRENCY_BURST.rooms });
    await runCommand(page, 'S-Connector: 새로 고침');
    await sidebar.locator('.monaco-list-row', { hasText: new RegExp(`회의실 \\d+ / ${CONCURRENCY_BURST.rooms}$`) }).first().waitFor({ timeout: 15_000 });
    const day = await burstDay(control);
    await chooseZone(frame, 'UTC');
    await frame.locator('#status', { hasText: 'UTC 기준' }).waitFor();
    await showRange(frame, day, day);
    // The page's times are the zone's 24-hour wall clock, not the browser's English clock (5:23:21 PM).
    assert.match(await text('#status'), new RegExp(`^서버에 ${day}\\(1일\\) 사용량을 요청했습니다\\. 아래 날짜와 시간은 UTC 기준입니다\\. \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}에 가져왔습니다\\.$`));
    assert.equal(await text('#capacity-peak .value'), `7 / ${CONCURRENCY_BURST.rooms}`);
    assert.match(await text('#capacity-peak .detail'), new RegExp(`^처음 ${day} 09:06:00`));
    // Near the limit (6 of 7 rooms, 80 %) from 09:05 to 10:01; at the limit from 09:06 to 10:00.
    assert.equal(await text('#capacity-warning .label'), '한도 근접(회의실 6개 이상)');
    assert.equal(await text('#capacity-warning .value'), '1일, 56분');
    assert.equal(await text('#capacity-limit .value'), '1일, 54분');
    await screenshot(page, 'report-capacity-burst-ko');
  });

  it('alerts once, in Korean, when the month reaches 80 % of its budget', async () => {
    const { page } = workbench;
    const used = monthSoFarSeconds((await control.data()).records) / 3600;
    // A budget the month has used 90 % of: past the 80 % step, short of 100 %.
    addWorkspaceSettings(workbench, { 'sconnector.alerts.monthlyHours': Math.round((used / 0.9) * 100) / 100 });
    await runCommand(page, 'Notifications: Show Notifications');
    const alerts = page.locator('.notifications-center .notification-list-item', { hasText: '월간 예산의' });
    const alert = alerts.filter({ hasText: '월간 예산의 80 %를 사용했습니다' });
    await alert.waitFor({ timeout: 30_000 });
    assert.equal(await alerts.count(), 1, 'one step, once');
    // Its actions speak Korean too.
    for (const action of ['사용량 보고서 열기', '이번 달은 다시 알리지 않기', '다시 표시 안 함']) await alert.locator('.monaco-button', { hasText: action }).first().waitFor();
    await screenshot(page, 'alert-monthly-ko');
    await runCommand(page, 'Notifications: Hide Notifications');
  });
});
