/**
 * Headless Chromium (the system's; nothing is downloaded) driven by Playwright, with the flags that
 * keep it quiet on a machine without network, and a fresh profile per run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(executablePath: string, profileDir: string, options: { headless?: boolean; timezoneId?: string } = {}): Promise<Browser> {
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: options.headless ?? true,
    ...(options.timezoneId && { timezoneId: options.timezoneId }),
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox', // we run as root in CI
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, HOME: path.join(profileDir, 'home') }, // Debian's wrapper writes ~/.config/chromium
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close().catch(() => undefined) };
}
