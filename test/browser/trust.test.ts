import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { type MatrixRow, stable, writeMatrixSection } from '../harness/faultMatrixFile';
import { repoRoot } from '../harness/workspace';
import { openWorkbench, runCommand, type Workbench } from './workbench';

/**
 * The trust model where only the real workbench can show it: the modal that comes before any key is
 * typed for an http:// API URL to another machine. What was observed becomes the workbench rows of
 * docs/fault-matrix.md (hostileExtension.test.ts shows that another extension gets no key or token).
 */
describe('Trust in the real workbench (Chromium)', function () {
  this.timeout(180_000);
  const rows: MatrixRow[] = [];
  let workbench: Workbench;
  let dialog: Locator;

  before(async () => {
    // Never contacted: the test only cancels, and `.invalid` never resolves.
    workbench = await openWorkbench({ userSettings: { 'sconnector.apiUrl': 'http://s-connector.invalid' } });
    dialog = workbench.page.locator('.monaco-dialog-box');
    // Open the view first, as a user would: its welcome view shows once the extension is known.
    await workbench.page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    await workbench.page.locator('#workbench\\.parts\\.sidebar .welcome-view-content').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await workbench?.close();
    if (rows.length) writeMatrixSection(repoRoot, 'workbench', rows);
  });

  it('asks before the keys are even typed when the API URL is http:// to another machine; Cancel asks for nothing', async () => {
    const { page } = workbench;
    await runCommand(page, 'S-Connector: Sign In');
    await dialog.waitFor({ timeout: 30_000 });
    const text = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
    assert.match(text, /The S-Connector API URL http:\/\/s-connector\.invalid uses http:\/\/ to another machine, so your secret key would cross the network unencrypted\./);
    const buttons = (await dialog.locator('.dialog-buttons a.monaco-button').allInnerTexts()).map((b) => b.trim());
    assert.deepEqual(buttons.slice().sort(), ['Cancel', 'Change API URL', 'Sign In Anyway']);
    assert.equal(await page.locator('.quick-input-widget .quick-input-title', { hasText: /Sign in to S-Connector/ }).isVisible(), false, 'no key prompt before the answer');
    await dialog.locator('a.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' }); // the http:// host is never contacted: the test only cancels
    await page.waitForTimeout(500);
    const prompted = await page.locator('.quick-input-widget .quick-input-title', { hasText: /Sign in to S-Connector/ }).isVisible();
    assert.equal(prompted, false, 'after Cancel no key is asked for');
    rows.push({ area: 'Settings', situation: '`http://` API URL to another machine, Sign In', seen: stable(`Modal before any input box: "${text}" Cancel: no key is asked for, nothing is sent`), dataKept: 'n/a' });
  });

});
