import type { Page } from 'playwright-core';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { openWorkbench, signInByHand, type Workbench } from './workbench';

/** Two windows on the same machine share one sign-in: the secret key lives in one secret storage. */
describe('Two windows (Chromium tabs)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let second: Page;

  const showView = async (page: Page) => {
    // The view may already be open (the side bar is remembered per workspace): clicking would close it.
    const view = page.locator('#workbench\\.parts\\.sidebar .pane-header', { hasText: 'Live Rooms' });
    // The item, not its label: once signed in, the live-room badge sits over the label's centre.
    if (!(await view.isVisible())) await page.locator('.activitybar .action-item:has(a[aria-label^="S-Connector"])').click();
  };

  before(async () => {
    workbench = await openWorkbench();
    await showView(workbench.page);
    await signInByHand(workbench.page, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    await workbench.page.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 30_000 });
    second = await workbench.page.context().newPage();
    await second.goto(workbench.page.url());
    await second.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await showView(second);
  });
  after(() => workbench?.close());

  it('a new window is signed in by the sign-in of the first, without asking', async () => {
    await second.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 30_000 });
  });
});
