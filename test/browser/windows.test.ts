import type { Page } from 'playwright-core';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { openWorkbench, runCommand, signInByHand, type Workbench } from './workbench';

/** Two windows on the same machine share one sign-in: the secret key lives in one secret storage. */
describe('Two windows (Chromium tabs)', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let second: Page;

  // The view's focus command opens it whether or not the side bar already shows it: a click on the
  // activity bar would close a view the window restores while the test looks. The palette lists
  // the command once the extension's contributions are in, which its activity bar item shows.
  const showView = async (page: Page) => {
    await page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Focus on Live Rooms View');
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
