/**
 * The fault and abuse matrix: each case is run against the emulator inside the real extension
 * host, and what the user saw is written to docs/fault-matrix.md. Every case must end in a
 * message a person understands, keep the last good data where there was some, and never show a key.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { rangeProblem } from '../../src/report/dateRange';
import { sendsKeysInClear } from '../../src/state/apiUrlSafety';
import type { Fault } from '../emulator/control';
import { DEMO_SECRET_KEY } from '../emulator/server';
import { demoCredentials, emulator, emulatorUrl, extensionApi, label, signInToEmulator, treeItems, waitForState } from './helpers';

interface Row {
  readonly area: string;
  readonly situation: string;
  readonly seen: string;
  readonly dataKept: string;
}

const rows: Row[] = [];

/** What the user reads, with this run's port and clock taken out so the table is the same every run. */
function stable(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\d{1,2}:\d\d:\d\d( [AP]M)?/g, 'HH:MM:SS')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
}

function record(row: Row): void {
  assert.ok(row.seen.trim().length > 10, `${row.situation}: the user is told something`);
  assert.ok(!row.seen.includes(DEMO_SECRET_KEY), `${row.situation}: no secret key in what the user sees`);
  assert.doesNotMatch(row.seen, /eyJ[\w-]{10,}\.[\w-]{10,}\./, `${row.situation}: no token in what the user sees`);
  rows.push({ ...row, seen: stable(row.seen) });
}

describe('Fault and abuse matrix (written to docs/fault-matrix.md)', function () {
  this.timeout(60_000);
  const control = emulator();
  let api: ExtensionApi;
  const config = () => vscode.workspace.getConfiguration('sconnector');

  /** Refreshes with a fault in place and reports what the tree and status bar show. */
  /** The harness points the workspace at the emulator; cases that change the URL put it back. */
  const restoreApiUrl = () => config().update('apiUrl', emulatorUrl(), vscode.ConfigurationTarget.Workspace);

  async function refreshWith(situation: string, setUp: () => PromiseLike<unknown>, tearDown: () => PromiseLike<unknown> = async () => undefined): Promise<void> {
    await api.state.refresh();
    const before = api.state.snapshot;
    assert.ok(before.rooms && !before.error, 'starts from good data');
    await setUp();
    await api.state.refresh();
    const after = api.state.snapshot;
    const top = await treeItems(api);
    const error = top.find(({ node }) => node.kind === 'error');
    const kept = JSON.stringify(after.rooms) === JSON.stringify(before.rooms) && after.license !== undefined;
    record({
      area: 'Live rooms',
      situation,
      seen: error
        ? `Tree: "${label(error.item)}: ${String(error.item.description)}". Status bar: ${api.statusBar.item.text}`
        : `No error; status bar ${api.statusBar.item.text}`,
      dataKept: kept ? 'yes, marked stale' : 'no',
    });
    if (error) assert.ok(kept, `${situation}: the last good data stays`);
    await tearDown();
    await control.clearFaults();
    await control.configure({ tokenLifetimeSeconds: null });
    await api.state.refresh();
    assert.equal(api.state.snapshot.error, undefined, `${situation}: recovers`);
  }

  before(async () => {
    await control.reset();
    api = await extensionApi();
    await signInToEmulator(api);
  });

  after(async () => {
    await control.reset();
    await restoreApiUrl();
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    const table = [
      '# Faults and abuse: what the user sees',
      '',
      'Written by `test/integration/faultMatrix.test.ts`, which runs each case against the emulator inside the real',
      'VS Code extension host (`npm test`). Ports and clock times are replaced by placeholders.',
      '',
      '| area | situation | what the user sees | last good data |',
      '|---|---|---|---|',
      ...rows.map((row) => `| ${row.area} | ${row.situation} | ${row.seen} | ${row.dataKept} |`),
      '',
    ].join('\n');
    const repo = path.resolve(__dirname, '..', '..', '..');
    fs.mkdirSync(path.join(repo, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'docs', 'fault-matrix.md'), table);
  });

  const serverFaults: [string, Fault][] = [
    ['HTTP 500', { type: 'status', status: 500, times: -1 }],
    ['HTTP 502 from a gateway (HTML page)', { type: 'status', status: 502, times: -1 }],
    ['HTTP 503 from a gateway (HTML page)', { type: 'status', status: 503, times: -1 }],
    ['HTTP 429 with Retry-After: 120', { type: 'retryAfter', seconds: 120, times: -1 }],
    ['connection reset', { type: 'reset', times: -1 }],
    ['body that is not JSON', { type: 'nonJson', times: -1 }],
    ['`status: false` with a message', { type: 'statusFalse', message: 'license server maintenance', times: -1 }],
  ];
  for (const [situation, fault] of serverFaults) {
    it(`live rooms: ${situation}`, () => refreshWith(situation, () => control.addFault({ ...fault, path: '/v1/sessions' })));
  }

  it('live rooms: server does not answer (timeout)', async () => {
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
    await refreshWith(
      'server does not answer within the timeout (1 s)',
      () => control.addFault({ type: 'hang', path: '/v1/info', times: -1 }),
      () => config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace),
    );
  });

  it('live rooms: server down', async () => {
    await refreshWith('server down (connection refused)', () => config().update('apiUrl', 'http://127.0.0.1:1', vscode.ConfigurationTarget.Workspace), restoreApiUrl);
  });

  it('live rooms: unknown fields and statuses', async () => {
    await control.setRooms([{ roomName: 'future', status: 'ARCHIVING', user: 2, codec: 'av1', newNested: { a: [1] } }]);
    await api.state.refresh();
    const rooms = await treeItems(api, { kind: 'rooms' });
    record({ area: 'Live rooms', situation: 'unknown fields and an unknown status (`ARCHIVING`)', seen: `Tree row: "${label(rooms[0]!.item)} · ${String(rooms[0]!.item.description)}"`, dataKept: 'n/a (no error)' });
    assert.equal(rooms[0]!.item.description, 'ARCHIVING · 2 users');
    await control.reset();
  });

  it('live rooms: the token expires mid-session', async () => {
    await control.configure({ tokenLifetimeSeconds: 1 });
    api.tokens.reset();
    await api.state.refresh();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await api.state.refresh();
    assert.equal(api.state.snapshot.error, undefined);
    record({ area: 'Sign-in', situation: 'the token expires mid-session', seen: `Nothing: a new token is fetched silently. Status bar: ${api.statusBar.item.text}`, dataKept: 'yes' });
    await control.configure({ tokenLifetimeSeconds: null });
  });

  it('sign-in: wrong keys', async () => {
    const error = await api.account.signIn({ accessKey: demoCredentials.accessKey, secretKey: 'not-the-right-secret' }).then(() => undefined, (e: Error) => e);
    assert.ok(error);
    record({ area: 'Sign-in', situation: 'wrong secret key', seen: `Error notification: "${error.message}" (the previous sign-in stays)`, dataKept: 'yes' });
    assert.equal(api.state.snapshot.phase, 'ready');
  });

  it('sign-in: keys revoked while signed in', async () => {
    await control.configure({ secretKey: 'rotated-by-the-administrator' });
    await api.state.refresh();
    const snapshot = await waitForState(api, (s) => s.phase === 'rejected', 'the keys to be rejected');
    record({ area: 'Sign-in', situation: 'keys revoked while signed in', seen: `Welcome view: "S-Connector no longer accepts the stored keys…" with Sign In Again. Status bar: ${api.statusBar.item.text}. Log: ${snapshot.error?.message ?? ''}`, dataKept: 'no (the keys are no longer valid)' });
    await control.reset();
    await signInToEmulator(api);
  });

  it('bad input: dates and ranges', async () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const [situation, start, end] of [
      ['malformed date', '2021/02/20', '2021-02-25'],
      ['impossible date', '2021-02-30', '2021-03-01'],
      ['reversed range', '2021-02-25', '2021-02-20'],
      ['10-year range', '2011-01-01', '2020-12-31'],
      ['start in the future', '2099-01-01', '2099-01-02'],
    ] as const) {
      const problem = rangeProblem(start, end, today);
      assert.ok(problem, situation);
      const opened = await vscode.commands.executeCommand('sconnector.openUsageReport', { start, end });
      assert.equal(opened, undefined, `${situation}: no report is opened`);
      record({ area: 'Usage report', situation: `${situation} (${start} … ${end})`, seen: `Shown as you type, and as an error: "${problem}"`, dataKept: 'n/a (nothing asked of the server)' });
    }
  });

  it('bad input: API URL', async () => {
    for (const [situation, url] of [['empty API URL', ''], ['API URL that is not a URL', 'api.interwater.biz'], ['API URL with another scheme', 'ftp://api.interwater.biz']] as const) {
      await refreshWith(situation, () => config().update('apiUrl', url, vscode.ConfigurationTarget.Workspace), restoreApiUrl);
    }
    // Not sent anywhere: this checks the rule that triggers the warnings, without contacting a remote host.
    assert.equal(sendsKeysInClear('http://api.interwater.biz'), true);
    record({ area: 'Settings', situation: '`http://` API URL to another machine', seen: 'Warning when the setting changes, and a modal "Sign In Anyway / Change API URL" before any sign-in: the secret key would cross the network unencrypted', dataKept: 'yes' });
  });

  it('hostile room names', async () => {
    const names = [
      '<b>bold</b><img src=x onerror=alert(1)>',
      '<script>alert(document.cookie)</script>',
      `quotes " ' \` and \\ backslash`,
      `very long ${'x'.repeat(300)}`,
      'control\ncharacters\u0007\u0000here',
      'غرفة الاجتماعات',
    ];
    await control.setRooms(names.map((roomName) => ({ roomName, status: 'ON_GOING', user: 1 })));
    await api.state.refresh();
    const rooms = await treeItems(api, { kind: 'rooms' });
    assert.equal(rooms.length, names.length);
    for (const { item } of rooms) {
      const shown = label(item);
      assert.ok(shown.length <= 82, 'long names are shortened');
      assert.doesNotMatch(shown, /[\u0000-\u001f]/, 'no control characters');
      const tooltip = (item.tooltip as vscode.MarkdownString).value;
      assert.ok(!tooltip.includes('<script') && !tooltip.includes('<img') && !tooltip.includes('<b>'), 'no tag reaches the tooltip');
      // In a code span, so that the table shows the name as text wherever it is rendered.
      record({ area: 'Hostile data', situation: 'room name shown in the tree', seen: `Label: \`\` ${shown} \`\` (as text)`, dataKept: 'n/a' });
    }
    await control.reset();
    await api.state.refresh();
  });

  it('the emulator was reachable throughout', () => {
    assert.match(emulatorUrl(), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(rows.length >= 20, `${rows.length} cases recorded`);
  });
});
