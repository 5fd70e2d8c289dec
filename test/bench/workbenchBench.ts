/**
 * Figures measured in the real workbench (code-server + Chromium) against an emulator with 1,000
 * live rooms and 100,000 usage records: activation, requests per refresh cycle, sign-ins, and
 * the time from the usage report command to the first rendered report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmulatorControl } from '../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';
import { answerInput, openWorkbench, reportFrame, runCommand, signInByHand, type Workbench } from '../browser/workbench';
import { addDays } from '../../src/report/dateRange';
import { todayIn } from '../../src/report/timeZone';
import { type Figure, median, timed } from './figures';

const RELOADS = 5;
const RENDERS = 3;

export async function workbenchFigures(records: number): Promise<Figure[]> {
  const workbench = await openWorkbench({ emulator: { rooms: 1000, records, roomLimit: 1000 } });
  try {
    const control = new EmulatorControl(workbench.emulator.url);
    const { page } = workbench;
    await page.locator('.activitybar .action-item a[aria-label^="S-Connector"]').click();
    await signInByHand(page, DEMO_ACCESS_KEY, DEMO_SECRET_KEY);
    await page.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 60_000 });
    return [...(await refreshFigures(workbench, control)), ...(await activationFigures(workbench)), ...(await renderFigures(workbench, control))];
  } finally {
    await workbench.close();
  }
}

async function refreshFigures(workbench: Workbench, control: EmulatorControl): Promise<Figure[]> {
  await control.clearStats();
  for (let cycle = 0; cycle < 5; cycle++) {
    await runCommand(workbench.page, 'S-Connector: Refresh');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const stats = await control.stats();
  const count = (test: (requestPath: string) => boolean) => stats.requests.filter((request) => test(request.path)).length;
  const cycles = count((p) => p === '/v1/info');
  return [
    { name: 'HTTP requests per refresh cycle (1,000 rooms, tree + status bar listening)', value: (cycles + count((p) => p === '/v1/sessions')) / Math.max(1, cycles), unit: 'req', budget: 2, note: `${cycles} cycles` },
    { name: 'room detail requests without expanding a room', value: count((p) => p.startsWith('/v1/sessions/')), unit: 'req', budget: 0 },
    { name: 'sign-ins over those cycles (token still valid)', value: stats.auth, unit: 'req', budget: 1 },
  ];
}

/** Each window reload starts a new extension host; the extension logs how long activate() took. */
async function activationFigures(workbench: Workbench): Promise<Figure[]> {
  for (let reload = 0; reload < RELOADS; reload++) {
    await runCommand(workbench.page, 'Developer: Reload Window');
    await workbench.page.waitForEvent('load', { timeout: 60_000 });
    await workbench.page.locator('.monaco-list-row', { hasText: 'Live rooms' }).waitFor({ timeout: 60_000 });
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // logs are written in batches
  const activations = activationLines(workbench.userDataDir).slice(-RELOADS);
  return [
    { name: `activate() in the extension host (median of ${activations.length} window loads)`, value: median(activations.map((a) => a.ms)), unit: 'ms', budget: 5 },
    { name: 'requests sent before activate() returned (all loads)', value: activations.reduce((sum, a) => sum + a.requests, 0), unit: 'req', budget: 0 },
  ];
}

function activationLines(userDataDir: string): { at: string; ms: number; requests: number }[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('S-Connector.log')) files.push(full);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  const lines = files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'));
  return lines
    .map((line) => /^(\S+ \S+) \[info\] S-Connector \S+ activated in ([\d.]+) ms with (\d+) requests sent/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ at: match[1]!, ms: Number(match[2]), requests: Number(match[3]) }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

async function renderFigures(workbench: Workbench, control: EmulatorControl): Promise<Figure[]> {
  const { page } = workbench;
  const today = todayIn(undefined, Date.now());
  const range = { start: addDays(today, -200), end: today };
  const token = await signInToken(workbench.emulator.url);
  const bare: number[] = [];
  const renders: number[] = [];
  for (let run = 0; run < RENDERS; run++) {
    bare.push((await timed(async () => (await fetch(`${workbench.emulator.url}/v1/static?startTime=${range.start}&endTime=${range.end}`, { headers: { 's-connector-jwt': token } })).text())).ms);
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'S-Connector: Open Usage Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Custom range…' }).click();
    await answerInput(page, range.start, /Custom range \(1\/2\)/);
    await page.locator('.quick-input-title', { hasText: /Custom range \(2\/2\)/ }).waitFor();
    await page.locator('.quick-input-widget input.input').fill(range.end);
    const started = performance.now();
    await page.keyboard.press('Enter');
    await reportFrame(page).locator('#meetings tbody tr').first().waitFor({ timeout: 120_000 });
    renders.push(performance.now() - started);
  }
  // A new range in the panel that is already open: no webview to create, the extension's own part.
  const rerenders: number[] = [];
  const frame = reportFrame(page);
  for (let run = 0; run < RENDERS; run++) {
    const start = addDays(range.start, run + 1);
    await frame.locator('#start input').fill(start);
    const started = performance.now();
    await frame.locator('#apply').click();
    await frame.locator('#status', { hasText: `Asked the server for ${start}` }).waitFor({ timeout: 120_000 });
    rerenders.push(performance.now() - started);
  }
  const meetings = (await control.data()).records.filter((record) => record.createdAt.slice(0, 10) >= range.start).length;
  const bareMs = median(bare);
  const renderMs = median(renders);
  const rerenderMs = median(rerenders);
  return [
    { name: `bare HTTP request in the same run (${meetings.toLocaleString()} records)`, value: bareMs, unit: 'ms' },
    { name: 'usage report: command to first rendered report (real workbench)', value: renderMs, unit: 'ms' },
    { name: 'time the extension adds, as a share of the bare request', value: (renderMs - bareMs) / bareMs, unit: '×', budget: 1 },
    { name: 'usage report: another range in the open panel, click to rendered', value: rerenderMs, unit: 'ms' },
    { name: '  the same, time added as a share of the bare request', value: (rerenderMs - bareMs) / bareMs, unit: '×' },
  ];
}

async function signInToken(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY }),
  });
  return ((await response.json()) as { data: { accessToken: string } }).data.accessToken;
}
