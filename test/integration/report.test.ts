import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ReportSummary } from '../../src/shared/protocol';
import type { MeetingTable } from '../../src/shared/reportTypes';
import type { ReportState } from '../../src/state/usageReport';
import type { UsagePanel } from '../../src/views/usagePanel';
import { monthSoFarSeconds } from '../emulator/control';
import { currentBranch, demoCredentials, emulator, extensionApi, signInToEmulator, waitForMonth } from './helpers';

const SAMPLE = { start: '2021-02-20', end: '2021-02-25' };

async function waitForState(api: ExtensionApi, predicate: (state: ReportState) => boolean, what: string): Promise<ReportState> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = api.usagePanel()?.report.current;
    if (state && predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state: ${state?.phase ?? 'no panel'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The report the panel shows: its summary, with its meetings. */
type Shown = ReportSummary & { readonly table: MeetingTable };

async function openReport(api: ExtensionApi, range: { start: string; end: string }, room?: string): Promise<Shown> {
  const panel = room === undefined
    ? await vscode.commands.executeCommand<UsagePanel | undefined>('sconnector.openUsageReport', range)
    : await vscode.commands.executeCommand<UsagePanel | undefined>('sconnector.showRoomUsage', { kind: 'room', branch: currentBranch(api), room: { roomName: room, status: 'WAIT', userCount: 0 } }, range);
  assert.ok(panel, 'the command opened a panel');
  // Loaded, with the period before added (or failed): nothing of this report is still asking the server.
  const state = await waitForState(api, (s) => s.phase === 'loaded' && s.report.summary.range.start === range.start && s.report.summary.range.end === range.end && s.report.summary.room === room
    && (s.report.summary.previous !== undefined || s.report.summary.previousError !== undefined), 'the report');
  await waitForMonth(api);
  assert.ok(state.phase === 'loaded');
  return { ...state.report.summary, table: state.report.table };
}

describe('Usage report against the emulator', function () {
  this.timeout(60_000);
  const control = emulator();
  let api: ExtensionApi;

  before(async () => {
    await control.reset();
    api = await extensionApi();
    await signInToEmulator(api);
  });
  after(async () => {
    api.usagePanel()?.dispose();
    await control.clearFaults();
  });

  it("shows the document's own sample: 4 meetings, 49,951 seconds, 2021-02-20 to 2021-02-25", async () => {
    const report = await openReport(api, SAMPLE);
    const { summary, perDay, perRoom } = report.aggregates;
    assert.equal(summary.meetings, 4);
    assert.equal(summary.totalSeconds, 49951);
    assert.equal(report.serverTotalSeconds, 49951);
    assert.equal(report.totalsDiffer, false);
    assert.equal(summary.rooms, 3);
    assert.equal(summary.longest?.roomName, 'gsdagd');
    assert.equal(summary.longest?.seconds, 42936);
    assert.deepEqual(perRoom.map((room) => [room.roomName, room.seconds, room.meetings]), [['gsdagd', 42936, 1], ['test', 6405, 2], ['12312', 610, 1]]);
    assert.ok(perDay.length >= 6, 'every day of the range, zeros included');
    assert.equal(perDay.reduce((sum, day) => sum + day.seconds, 0), 49951);
    assert.equal(api.usagePanel()?.panel.title, 'S-Connector Usage');
    assert.deepEqual(api.usagePanel()!.lastMessages().map((message) => message.type).slice(0, 1), ['report'], 'totals and charts go first, the meetings after');
  });

  it('adds the capacity, the period before and the month, each from the emulator', async () => {
    const report = await openReport(api, SAMPLE);
    const { capacity, weekHours } = report.aggregates;
    const data = await control.data();
    assert.equal(capacity.peak, 1);
    assert.equal(capacity.peakAt, Date.parse('2021-02-21T02:34:52Z'));
    assert.deepEqual(report.limit, { roomLimit: data.license.roomLimit, warningPercent: 80 });
    assert.equal(weekHours.reduce((sum, seconds) => sum + seconds, 0), 49951);
    assert.deepEqual(report.previous?.range, { start: '2021-02-14', end: '2021-02-19' });
    assert.equal(report.previous?.summary.meetings, 0, 'the emulator has no meetings that week');
    assert.ok(report.month, 'the month figure');
    assert.equal(report.month.soFarSeconds, monthSoFarSeconds(data.records));
    // Copy Summary puts the figures on the clipboard as Markdown.
    await vscode.commands.executeCommand('sconnector.copyUsageSummary');
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^\*\*S-Connector usage, 2021-02-20 to 2021-02-25\*\*/);
    assert.match(copied, /\| Peak concurrent rooms \| 1 of \d+ \(2021-02-21 /);
  });

  it('a failed comparison leaves the report as it is, and says why', async () => {
    // Only the period before (2021-02-14..19) fails: the report's own range answers as usual.
    await control.addFault({ type: 'status', status: 503, path: '/v1/static', query: 'startTime=2021-02-14', times: -1 });
    try {
      api.usagePanel()?.dispose();
      const report = await openReport(api, SAMPLE);
      assert.equal(report.aggregates.summary.meetings, 4);
      assert.equal(report.previous, undefined);
      assert.match(report.previousError ?? '', /503/);
    } finally {
      await control.clearFaults();
    }
  });

  it('matches the emulator for a range of generated data, in UTC and in another time zone', async () => {
    const data = await control.data();
    const days = [...new Set(data.records.map((record) => record.createdAt.slice(0, 10)))].sort();
    const range = { start: days.at(-20)!, end: days.at(-1)! };
    const expected = data.records.filter((record) => record.createdAt.slice(0, 10) >= range.start && record.createdAt.slice(0, 10) <= range.end);
    const report = await openReport(api, range);
    assert.equal(report.aggregates.summary.meetings, expected.length);
    assert.equal(report.aggregates.summary.totalSeconds, expected.reduce((sum, record) => sum + record.sessionTimeSecond, 0));
    assert.equal(report.table.room.length, expected.length);
  });

  it('reports on one room from the tree, and can widen to all rooms', async () => {
    const report = await openReport(api, SAMPLE, 'test');
    assert.equal(report.aggregates.summary.meetings, 2);
    assert.equal(report.aggregates.summary.totalSeconds, 6405);
    assert.equal(report.totalsDiffer, false, "a room's total is not compared with the server's total for all rooms");
    assert.equal(api.usagePanel()?.panel.title, 'S-Connector Usage: test');
  });

  it('exports the rows the table shows as CSV (BOM, RFC 4180) and as JSON', async () => {
    await openReport(api, SAMPLE);
    const panel = api.usagePanel()!;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sconnector-export-'));
    const csvFile = vscode.Uri.file(path.join(folder, 'usage.csv'));
    const written = await panel.exportTo('csv', { filter: 'TEST', sort: 'seconds', descending: true }, csvFile);
    assert.equal(written, 2);
    const csv = fs.readFileSync(csvFile.fsPath, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'starts with a BOM for Excel');
    const lines = csv.slice(1).split('\r\n');
    assert.match(lines[0]!, /^Room,Started \(.+\),Duration \(s\),Duration$/);
    assert.deepEqual(lines.slice(1, 3).map((line) => line.split(',').slice(-2).join(',')), ['4924,1:22:04', '1481,0:24:41']);
    const jsonFile = vscode.Uri.file(path.join(folder, 'usage.json'));
    await panel.exportTo('json', { filter: '', sort: 'startedAt', descending: false }, jsonFile);
    const json = JSON.parse(fs.readFileSync(jsonFile.fsPath, 'utf8')) as { meetings: { roomName: string; seconds: number }[]; range: unknown };
    assert.deepEqual(json.range, SAMPLE);
    assert.deepEqual(json.meetings.map((meeting) => meeting.roomName), ['12312', 'test', 'test', 'gsdagd']);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows the error in the panel when the server fails (the browser test presses its Retry)', async () => {
    await control.addFault({ type: 'status', status: 503, path: '/v1/static', times: -1 });
    await vscode.commands.executeCommand('sconnector.openUsageReport', { start: '2021-02-21', end: '2021-02-22' });
    const error = await waitForState(api, (state) => state.phase === 'failed', 'the error state');
    assert.match(error.phase === 'failed' ? error.message : '', /HTTP 503/);
    assert.deepEqual(api.usagePanel()!.lastMessages().map((message) => message.type), ['error'], 'the page is told');
    await control.clearFaults();
  });

  it('shows the page under a strict Content-Security-Policy with a fresh nonce, and no key in it', async () => {
    await openReport(api, SAMPLE);
    const panel = api.usagePanel()!;
    const html = panel.panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|(^|\s)\*(\s|;|$)/, 'nothing loosens it');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    assert.equal(html.match(new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`, 'g'))?.length, 1, 'only the page script carries the nonce');
    assert.deepEqual(panel.panel.webview.options.localResourceRoots?.map((uri) => uri.path.split('/').slice(-2).join('/')), ['dist/webview']);
    // What crosses to the page is the HTML and the messages: neither may carry a key or a token.
    const { token } = await api.tokens.token();
    const sent = html + JSON.stringify(api.usagePanel()!.lastMessages());
    assert.ok(sent.includes('gsdagd'), 'the report reached the page');
    assert.ok(!sent.includes(demoCredentials.secretKey) && !sent.includes(token), 'no key or token in what the page gets');
    assert.match(csp, /base-uri 'none'/);
    assert.match(csp, /form-action 'none'/);
    api.usagePanel()!.dispose();
    await openReport(api, SAMPLE);
    assert.ok(!api.usagePanel()!.panel.webview.html.includes(nonce), 'a new page gets a new nonce');
  });

  it('leaves no panel behind when the report is closed, however often it was opened', async () => {
    for (let i = 0; i < 10; i++) {
      await openReport(api, SAMPLE);
      const panel = api.usagePanel()!;
      panel.panel.dispose(); // as the user closing its tab
      assert.equal(api.usagePanel(), undefined, `closed ${i + 1} time(s)`);
      let told = false;
      panel.report.onDidChange(() => (told = true));
      await panel.report.retry(); // a late load on a closed report
      assert.equal(told, false, 'a closed report tells no one');
    }
  });

  it('keeps no key or token in global state', async () => {
    const { token } = await api.tokens.token();
    const stored = JSON.stringify(api.globalState.keys().map((key) => [key, api.globalState.get(key)]));
    assert.ok(!stored.includes(demoCredentials.secretKey) && !stored.includes(token));
  });

  it('refuses an invalid range with a message, without asking the server', async () => {
    await control.clearStats();
    for (const range of [{ start: '2021-02-30', end: '2021-03-01' }, { start: '2021-02-25', end: '2021-02-20' }, { start: '2011-01-01', end: '2021-01-01' }]) {
      const panel = await vscode.commands.executeCommand('sconnector.openUsageReport', range);
      assert.equal(panel, undefined, JSON.stringify(range));
    }
    assert.equal((await control.stats()).requests.filter((request) => request.path === '/v1/static').length, 0);
  });
});
