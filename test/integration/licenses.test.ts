/**
 * Several licenses side by side, in the real extension host against the emulator (which serves the
 * sample license and two more at one URL, and here a second emulator as another origin): the tree
 * and its All licenses total, the status bar following the current license, keys kept apart in
 * VS Code's real secret storage, a label in the workspace that picks a license but moves no key,
 * and one license's hanging server holding nobody else up.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { secretIdOf } from '../../src/state/licenseList';
import type { LicenseSession } from '../../src/state/licenses';
import type { UsagePanel } from '../../src/views/usagePanel';
import { EmulatorControl } from '../emulator/control';
import { extraLicenseKeys } from '../emulator/extraLicenses';
import { startEmulator, type Emulator } from '../emulator/server';
import { emulator, emulatorUrl, ensureSignedIn, extensionApi, label, tooltipText, treeItems } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const ready = (session: LicenseSession) => session.state.snapshot.phase === 'ready' && !session.state.snapshot.refreshing && !session.state.snapshot.error;

async function addExtra(api: ExtensionApi, n: number, label: string, apiUrl = emulatorUrl()): Promise<LicenseSession> {
  const keys = extraLicenseKeys(n);
  const draft = api.licenses.draft(apiUrl);
  await api.licenses.signIn(draft, { apiUrl, accessKey: keys.accessKey, secretKey: keys.secretKey }, label);
  await until(() => ready(draft), `${label} to show its data`);
  return draft;
}

describe('Several licenses against the emulator', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const control = emulator();

  before(async () => {
    api = await extensionApi();
    await ensureSignedIn(api);
  });

  after(async () => {
    // The suites after this one expect the single sign-in they started with.
    const first = api.licenses.all[0]!;
    for (const session of [...api.licenses.all]) if (session !== first) await api.licenses.remove(session);
    await api.licenses.list.setCurrent(first.id);
    await vscode.workspace.getConfiguration('sconnector').update('defaultLicense', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('gives Settings Sync the license list, and nothing that holds a key', () => {
    assert.deepEqual(api.syncedKeys, ['sconnector.licenses']);
    const synced = JSON.stringify(api.syncedKeys.map((key) => api.globalState.get(key)));
    assert.ok(!synced.includes('secret'), synced);
  });

  it('adds a second license; the tree shows both with their counts under an All licenses total', async () => {
    const first = api.licenses.current;
    const customer = await addExtra(api, 1, 'Customer 1');
    await first.state.refresh();
    const data = await control.data();
    const extra = data.extraLicenses[0]!;
    const top = await treeItems(api);
    assert.deepEqual(top.map(({ node }) => node.kind), ['summary', 'account', 'account']);
    assert.deepEqual(top.map(({ item }) => label(item)), ['All licenses', first.label, 'Customer 1']);
    const live = data.rooms.length + extra.rooms.length;
    const limit = data.license.roomLimit + extra.license.roomLimit;
    assert.match(String(top[0]!.item.description), new RegExp(`^${live} / ${limit} rooms`));
    assert.equal(top[2]!.item.description, `${extra.rooms.length} / ${extra.license.roomLimit} rooms · customer1.example · current`);
    assert.equal(top[1]!.item.description, `${data.rooms.length} / ${data.license.roomLimit} rooms · trial`);
    // Expanded, a license shows what a single license shows: its license node and its rooms (and
    // its month, once fetched: see the sidebar tests).
    const under = (await treeItems(api, top[2]!.node)).filter(({ node }) => node.kind !== 'month');
    assert.deepEqual(under.map(({ node }) => node.kind), ['license', 'rooms']);
    const rooms = await treeItems(api, under[1]!.node);
    assert.deepEqual(rooms.map(({ item }) => label(item)).sort(), extra.rooms.map((room) => room.roomName).sort());
    assert.equal(api.licenses.current, customer);
    // Each license's key in secret storage under its own entry.
    assert.equal((JSON.parse((await api.secrets.get(secretIdOf(customer.id))) ?? '{}') as { accessKey?: string }).accessKey, extraLicenseKeys(1).accessKey);
  });

  it('switching licenses moves the status bar; its tooltip lists every license', async () => {
    const first = api.licenses.all[0]!;
    const customer = api.licenses.all[1]!;
    const data = await control.data();
    await until(() => api.statusBar.item.text === `$(broadcast) ${data.extraLicenses[0]!.rooms.length}/${data.extraLicenses[0]!.license.roomLimit}`, 'the status bar to show Customer 1');
    const accountNode = (await api.tree.getChildren()).find((node) => node.kind === 'account' && node.branch.session === first);
    await vscode.commands.executeCommand('sconnector.switchLicense', accountNode);
    assert.equal(api.licenses.current, first);
    await until(() => api.statusBar.item.text === `$(broadcast) ${data.rooms.length}/${data.license.roomLimit}`, 'the status bar to follow the switch');
    const tooltip = tooltipText(api.statusBar.item.tooltip).replace(/&nbsp;/g, ' ');
    assert.ok(tooltip.includes(`Customer 1: ${data.extraLicenses[0]!.rooms.length}/${data.extraLicenses[0]!.license.roomLimit}`), tooltip);
    assert.ok(tooltip.includes(`${first.label}: ${data.rooms.length}/${data.license.roomLimit}`), tooltip);
    assert.equal(customer.label, 'Customer 1');
  });

  it("a workspace's default license is a label: it picks a license, and a URL there moves no key", async () => {
    const customer = api.licenses.all.find((session) => session.label === 'Customer 1')!;
    const config = vscode.workspace.getConfiguration('sconnector');
    await config.update('defaultLicense', 'customer 1', vscode.ConfigurationTarget.Workspace);
    await until(() => api.licenses.current === customer, 'the named license to become current');
    const sink = (await control.sink()).url;
    await control.clearSink();
    await config.update('defaultLicense', sink, vscode.ConfigurationTarget.Workspace);
    await sleep(300);
    await api.licenses.refreshAll();
    assert.equal(api.licenses.current, customer, 'no license has that label: nothing changes');
    assert.ok(api.licenses.all.every((session) => session.apiUrl === emulatorUrl()), 'every license keeps its API URL');
    assert.deepEqual((await control.sink()).requests, [], 'nothing was sent to the URL in the setting');
  });

  it('asks 2 requests per license per refresh cycle', async () => {
    await addExtra(api, 2, 'Customer 2');
    await control.clearStats();
    await api.licenses.refreshAll();
    const stats = await control.stats();
    const count = (path: string) => stats.requests.filter((request) => request.path === path).length;
    assert.equal(api.licenses.all.length, 3);
    assert.deepEqual([count('/v1/info'), count('/v1/sessions'), stats.requests.length], [3, 3, 6]);
  });

  it("one license's hanging server holds none of the others up", async () => {
    let other: Emulator | undefined;
    try {
      other = await startEmulator({ extraLicenses: 1 });
      const slow = await addExtra(api, 1, 'Elsewhere', other.url);
      await new EmulatorControl(other.url).addFault({ type: 'hang', path: '/v1/info', times: 1 });
      const hanging = slow.state.refresh(true);
      let settled = false;
      void hanging.then(() => (settled = true), () => (settled = true));
      const others = api.licenses.all.filter((session) => session !== slow);
      const before = others.map((session) => session.state.snapshot.updatedAt ?? 0);
      await Promise.all(others.map((session) => session.state.refresh()));
      assert.ok(others.every((session, i) => (session.state.snapshot.updatedAt ?? 0) > before[i]!), 'every other license refreshed');
      assert.equal(settled, false, 'while the hanging one is still waiting');
    } finally {
      await other?.close();
    }
  });

  it('an all-licenses report totals every license, and names the one that failed rather than leaving it out', async () => {
    // "Elsewhere" pointed at an emulator that is gone now: it fails; the others answer.
    // Every record the emulator made: they go back 180 days from its start.
    const today = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    const panel = await vscode.commands.executeCommand<UsagePanel | undefined>('sconnector.openUsageReport', { start, end: today, licenses: 'all' });
    assert.ok(panel, 'the report opened');
    await until(() => panel.report.current.phase === 'loaded', 'the report across licenses', 20_000);
    const state = panel.report.current;
    assert.ok(state.phase === 'loaded');
    const { summary } = state.report;
    const data = await control.data();
    const labels = api.licenses.all.map((session) => session.label);
    assert.deepEqual(summary.licenses?.map((license) => license.label), labels);
    const failed = summary.licenses?.filter((license) => license.error !== undefined).map((license) => license.label);
    assert.deepEqual(failed, ['Elsewhere']);
    const meetings = Object.fromEntries((summary.aggregates.perLicense ?? []).map((figures) => [figures.license, figures.meetings]));
    // The document's four samples of 2021 are older than the range; every generated record is in it.
    const main = data.records.filter((record) => record.createdAt.slice(0, 10) >= start).length;
    assert.deepEqual(meetings, { [labels[0]!]: main, 'Customer 1': data.extraLicenses[0]!.records.length, 'Customer 2': data.extraLicenses[1]!.records.length, Elsewhere: 0 });
    assert.equal(summary.aggregates.summary.meetings, main + data.extraLicenses[0]!.records.length + data.extraLicenses[1]!.records.length);
    assert.equal(panel.panel.title, 'S-Connector Usage: All licenses');
    const exported = JSON.parse(panel.report.exportFile('json', { filter: '', sort: 'startedAt', descending: true }).text) as { licenses: { label: string; failed?: string }[]; meetings: { license: string }[] };
    assert.ok(exported.licenses.find((license) => license.label === 'Elsewhere')?.failed, 'the export says which license failed');
    assert.equal(exported.meetings.filter((meeting) => meeting.license === 'Customer 1').length, data.extraLicenses[0]!.records.length);
    panel.dispose();
  });

  it('removes one license: its secret key is gone from secret storage, the others keep theirs', async () => {
    const removed = api.licenses.all.find((session) => session.label === 'Customer 2')!;
    const kept = api.licenses.all.filter((session) => session !== removed);
    await api.licenses.remove(removed);
    assert.equal(await api.secrets.get(secretIdOf(removed.id)), undefined);
    for (const session of kept) assert.ok(await api.secrets.get(secretIdOf(session.id)), `${session.label} keeps its key`);
    assert.ok(!api.licenses.all.includes(removed));
    assert.ok(!(await api.tree.getChildren()).some((node) => node.kind === 'account' && node.branch.session === removed));
  });
});
