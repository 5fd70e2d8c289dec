import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_SECRET_KEY } from '../emulator/server';
import { repoRoot } from '../harness/workspace';
import { openWorkbench, runCommand, type Workbench } from './workbench';

/** What ships: the .vsix built by `npm run package`, installed into the offline VS Code like a user would. */
describe('The packaged .vsix', function () {
  this.timeout(240_000);
  const vsix = path.join(repoRoot, '.vscode-test', 'test-package.vsix');
  let workbench: Workbench;
  let installed: string;

  before(async () => {
    execFileSync('npm', ['run', '--silent', 'package', '--', '-o', vsix], { cwd: repoRoot, stdio: 'ignore' });
    workbench = await openWorkbench({ install: [vsix], underDevelopment: false });
    const folder = fs.readdirSync(workbench.extensionsDir).find((name) => name.startsWith('s-connector.s-connector-vscode-'));
    assert.ok(folder, 'code-server --install-extension put it in the extensions folder');
    installed = path.join(workbench.extensionsDir, folder);
  });
  after(async () => {
    await workbench?.close();
    fs.rmSync(vsix, { force: true });
  });

  const files = (folder: string): string[] => fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(folder, entry.name)).map((file) => `${entry.name}/${file}`) : [entry.name]);

  it('holds only the bundles, media, manifest, translations and docs', () => {
    const shipped = files(installed).filter((file) => file !== '.vsixmanifest');
    const allowed = /^(package\.json|package\.nls(\.[a-z-]+)?\.json|readme\.md|changelog\.md|dist\/(extension|report|commands|month|fetch|reportWorker)\.js|dist\/webview\/report\.(js|css)|media\/[\w.-]+\.(svg|png)|l10n\/bundle\.l10n(\.[a-z-]+)?\.json)$/i;
    assert.deepEqual(shipped.filter((file) => !allowed.test(file)), [], 'nothing else is shipped');
    for (const needed of ['package.json', 'dist/extension.js', 'dist/report.js', 'dist/commands.js', 'dist/month.js', 'dist/fetch.js', 'dist/reportWorker.js', 'dist/webview/report.js', 'dist/webview/report.css']) assert.ok(shipped.includes(needed), needed);
    assert.ok(!shipped.some((file) => /\.(ts|map)$|^src\/|^test\/|emulator|node_modules/.test(file)), 'no sources, tests, emulator or maps');
  });

  it('contains no secret key and no token', () => {
    for (const file of files(installed)) {
      const text = fs.readFileSync(path.join(installed, file), 'utf8');
      assert.ok(!text.includes(DEMO_SECRET_KEY), `${file} holds no secret key`);
      assert.doesNotMatch(text, /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/, `${file} holds no token`);
    }
  });

  it('installs and activates in the offline VS Code', async () => {
    const { page } = workbench;
    await page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    await page.locator('#workbench\\.parts\\.sidebar .welcome-view-content', { hasText: 'Sign in with your S-Connector access key' }).waitFor({ timeout: 30_000 });
    await runCommand(page, 'S-Connector: Show Log');
    // The Output view is an editor, which draws spaces as no-break spaces.
    await page.locator('.part.panel .view-lines', { hasText: /S-Connector[\s\u00a0]\d+\.\d+\.\d+[\s\u00a0]activated[\s\u00a0]in/ }).first().waitFor({ timeout: 30_000 });
    // The commands' own bundle loads from the package too: Add License asks its first question.
    await runCommand(page, 'S-Connector: Add License…');
    await page.locator('.quick-input-title', { hasText: /Add S-Connector License \(1\/4\)/ }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
  });
});
