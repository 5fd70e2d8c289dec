import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/views/sessionsTree';
import { monthSoFarSeconds } from '../emulator/control';
import { DEMO_SECRET_KEY } from '../emulator/server';
import { currentBranch, emulator, emulatorUrl, ensureSignedIn, extensionApi, label, roomsNode, signInToEmulator, testRunDir, tooltipText, treeItems, waitForMonth, waitForState } from './helpers';

describe('Sidebar, status bar and sign-in against the emulator', function () {
  this.timeout(60_000);
  const control = emulator();
  let api: ExtensionApi;

  before(async () => {
    await control.reset();
    api = await extensionApi();
    await api.account.signOut();
    await waitForState(api, (s) => s.phase === 'signedOut', 'signed out');
  });
  afterEach(() => control.clearFaults());

  it('signed out: the tree is empty so the welcome view shows, and the status bar offers sign-in', async () => {
    assert.deepEqual(await api.tree.getChildren(), []);
    assert.equal(api.statusBar.item.text, '$(broadcast) S-Connector');
    assert.equal((api.statusBar.item.command as vscode.Command).command, 'sconnector.signIn');
  });

  it('wrong keys are refused with a clear message and nothing is stored', async () => {
    await control.clearStats();
    await assert.rejects(api.account.signIn({ apiUrl: emulatorUrl(), accessKey: 'foziz2mdywm', secretKey: 'not-the-secret' }), (error: Error) =>
      /did not accept the access key "foziz2mdywm"/.test(error.message) && !error.message.includes('not-the-secret'));
    assert.equal((await api.credentials.status()).kind, 'none');
    assert.equal(api.state.snapshot.phase, 'signedOut');
  });

  it('sign-in stores the secret key in SecretStorage and nowhere in settings', async () => {
    const snapshot = await signInToEmulator(api);
    assert.equal(snapshot.phase, 'ready');
    assert.deepEqual(await api.credentials.status(), { kind: 'ready', origin: new URL(emulatorUrl()).origin, accessKey: 'foziz2mdywm' });
    const config = vscode.workspace.getConfiguration('sconnector');
    const everySetting = JSON.stringify(Object.keys(config).map((key) => config.inspect(key)));
    assert.ok(!everySetting.includes(DEMO_SECRET_KEY), 'no setting holds the secret key');
    const runDir = testRunDir();
    for (const file of [path.join(runDir, 'user-data', 'User', 'settings.json'), path.join(runDir, 'workspace', '.vscode', 'settings.json')]) {
      if (fs.existsSync(file)) assert.ok(!fs.readFileSync(file, 'utf8').includes(DEMO_SECRET_KEY), `${path.basename(file)} holds no secret`);
    }
  });

  describe('signed in', () => {
    // Each test stands on its own: it signs in if an earlier one (or its failure) left it signed out.
    beforeEach(() => ensureSignedIn(api));

    it("the tree's license node, month and rooms match the emulator", async () => {
      await api.state.refresh();
      await waitForMonth(api);
      const data = await control.data();
      const top = (await treeItems(api)).filter(({ node }) => node.kind !== 'month');
      assert.deepEqual(top.map(({ node }) => node.kind), ['license', 'rooms']);
      const soFar = monthSoFarSeconds(data.records) / 3600;
      const month = (await treeItems(api)).find(({ node }) => node.kind === 'month')!.item;
      assert.equal(label(month), 'This month');
      const shown = Number(/^([\d.,]+) h so far/.exec(String(month.description))?.[1]?.replace(/,/g, ''));
      assert.ok(Math.abs(shown - soFar) <= (soFar < 10 ? 0.05 : 0.5), `${shown} h shown, ${soFar} h in the records`);
      assert.equal(month.command?.command, 'sconnector.openUsageReport');
      assert.match(tooltipText(month.tooltip), /Last month \(\d{4}-\d{2}\): .* in all/);
      const license = top[0]!.item;
      assert.equal(label(license), 'trial');
      assert.equal(license.description, `${data.rooms.length} / 10 rooms`);
      const fields = await treeItems(api, top[0]!.node);
      assert.deepEqual(fields.map(({ item }) => `${label(item)}: ${String(item.description)}`).slice(0, 4), [
        'Domain: trial', 'Room limit: 10', `In use: ${data.rooms.length} of 10 (${Math.round(data.rooms.length * 10)} %)`, 'Enabled: Yes',
      ]);
      assert.ok(fields.some(({ item }) => label(item) === 'Since'));

      const rooms = await treeItems(api, top[1]!.node);
      assert.equal(top[1]!.item.description, String(data.rooms.length));
      assert.deepEqual(rooms.map(({ item }) => label(item)).sort(), data.rooms.map((room) => room.roomName).sort());
      const gsdagd = rooms.find(({ item }) => label(item) === 'gsdagd')!.item;
      assert.equal(gsdagd.description, 'In meeting · 2 users');
      assert.equal(gsdagd.contextValue, 'room');
      assert.ok(rooms.every(({ item }) => item.id?.startsWith('room/')), 'rooms have stable ids');
      const statuses = rooms.map(({ node }) => (node.kind === 'room' ? node.room.status : ''));
      assert.deepEqual(statuses, [...statuses].sort((a, b) => ['ON_GOING', 'OPEN', 'WAIT'].indexOf(a) - ['ON_GOING', 'OPEN', 'WAIT'].indexOf(b)), 'meetings under way first');
    });

    it('an HTML-like room name is shown as text, and escaped in its Markdown tooltip', async () => {
      const rooms = await treeItems(api, roomsNode(api));
      const hostile = rooms.find(({ item }) => label(item) === '<img src=x onerror=alert(1)>');
      assert.ok(hostile, 'the room is listed under its own name');
      const tooltip = hostile.item.tooltip as vscode.MarkdownString;
      assert.ok(!tooltip.value.includes('<img'), `no tag reaches the tooltip: ${tooltip.value}`);
      assert.ok(tooltip.value.includes('&lt;img'), 'the name is there, as text');
      assert.ok(!tooltip.supportHtml);
    });

    it('expanding a room loads its detail from v1/sessions/:room_name (short shape)', async () => {
      await control.clearStats();
      const data = await control.data();
      const name = data.rooms.find((room) => /[ /?#%]/.test(room.roomName))!.roomName;
      const detail = await treeItems(api, { kind: 'room', branch: currentBranch(api), room: { roomName: name, status: 'WAIT', userCount: 0 } });
      assert.equal(label(detail[0]!.item), 'Status');
      assert.equal(label(detail[1]!.item), 'Users');
      const asked = (await control.stats()).requests.map((request) => request.path);
      assert.deepEqual(asked, [`/v1/sessions/${encodeURIComponent(name)}`]);
    });

    it('the rich shape shows participants with role and platform', async () => {
      await control.configure({ shape: 'rich' });
      await api.state.refresh();
      const rooms = await treeItems(api, roomsNode(api));
      const busy = rooms.find(({ node }) => node.kind === 'room' && node.room.userCount > 0)!;
      const detail = await treeItems(api, busy.node);
      const group = detail.find(({ node }) => node.kind === 'participants');
      assert.ok(group, 'a Participants node');
      const people = await treeItems(api, group.node);
      assert.equal(people.length, (busy.node as { room: { userCount: number } }).room.userCount);
      assert.ok(people.every(({ item }) => String(item.description).length > 0 && label(item).length > 0));
      assert.ok(detail.some(({ item }) => label(item) === 'Since'));
      await control.configure({ shape: 'short' });
    });

    it('the status bar shows rooms against the limit and follows the quota threshold', async () => {
      const inUse = (await control.data()).rooms.length;
      const expectations: [number, string | undefined][] = [
        [100, undefined],
        [inUse + 1, 'statusBarItem.warningBackground'],
        [inUse, 'statusBarItem.errorBackground'],
      ];
      for (const [roomLimit, background] of expectations) {
        await control.configure({ roomLimit });
        await api.state.refresh();
        assert.equal(api.statusBar.item.text, `$(broadcast) ${inUse}/${roomLimit}`);
        assert.equal((api.statusBar.item.backgroundColor)?.id, background, `limit ${roomLimit}`);
      }
      await control.configure({ roomLimit: 10 });
    });

    it('one refresh asks for the license and the rooms once each, however many views listen', async () => {
      await control.clearStats();
      await Promise.all([api.state.refresh(), api.state.refresh(), vscode.commands.executeCommand('sconnector.refresh')]);
      const paths = (await control.stats()).requests.map((request) => request.path).sort();
      assert.deepEqual(paths, ['/v1/info', '/v1/sessions']);
    });

    it('the status bar item can be turned off and on by setting', async () => {
      const config = vscode.workspace.getConfiguration('sconnector');
      await config.update('statusBar.enabled', false, vscode.ConfigurationTarget.Workspace);
      assert.equal(api.statusBar.shown, false);
      await config.update('statusBar.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      assert.equal(api.statusBar.shown, true);
      assert.match(api.statusBar.item.text, /^\$\(broadcast\) \d+\/10$/);
    });

    it('a change in the emulator appears after a refresh', async () => {
      await control.tick(8);
      const data = await control.data();
      await api.state.refresh();
      const rooms = await treeItems(api, roomsNode(api));
      assert.deepEqual(rooms.filter(({ node }) => node.kind === 'room').map(({ item }) => label(item)).sort(), data.rooms.map((room) => room.roomName).sort());
    });

    it('unknown statuses and fields are shown as they come; unreadable rooms are counted', async () => {
      await control.setRooms([
        { roomName: 'future', status: 'ARCHIVING', user: 3, brandNewField: { x: 1 } },
        { status: 'WAIT', user: 1 },
      ]);
      await api.state.refresh();
      const rooms = await treeItems(api, roomsNode(api));
      assert.deepEqual(rooms.map(({ item }) => `${label(item)} | ${String(item.description)}`), [
        'future | ARCHIVING · 3 users',
        '1 room(s) could not be read | undefined',
      ]);
      await control.reset();
      await api.state.refresh();
    });

    it('redraws nothing for a poll that brings the same rooms, and only the changed room when one changes; an expanded room is asked again only then', async () => {
      const rooms = [{ roomName: 'alpha', status: 'ON_GOING', user: 2 }, { roomName: 'beta', status: 'WAIT', user: 1 }];
      await control.setRooms(rooms);
      await api.state.refresh(true);
      const listed = await treeItems(api, roomsNode(api));
      const beta = listed.find(({ item }) => label(item) === 'beta')!.node;
      await api.tree.getChildren(beta); // expanded: its detail is asked once
      const fired: (TreeNode | TreeNode[] | undefined)[] = [];
      const subscription = api.tree.onDidChangeTreeData((event) => fired.push(event));
      try {
        await control.clearStats();
        await api.state.refresh();
        await api.tree.getChildren(beta); // as VS Code would, were it redrawn
        assert.deepEqual(fired, [], 'nothing redrawn');
        assert.deepEqual((await control.stats()).requests.map((request) => request.path), ['/v1/info', '/v1/sessions'], 'the detail was kept');

        await control.setRooms([rooms[0]!, { ...rooms[1]!, status: 'OPEN' }]);
        await control.clearStats();
        await api.state.refresh();
        assert.equal(fired.length, 1);
        assert.deepEqual(fired[0], [beta], 'the one room, as the very element the tree handed out');
        assert.equal(String(api.tree.getTreeItem(beta).description), 'Open · 1 user');
        await api.tree.getChildren(beta);
        assert.deepEqual((await control.stats()).requests.map((request) => request.path).sort(), ['/v1/info', '/v1/sessions', '/v1/sessions/beta'], 'asked again after it changed');
      } finally {
        subscription.dispose();
        await control.reset();
        await api.state.refresh(true);
      }
    });

    for (const fault of [
      { type: 'status', status: 503, times: -1 },
      { type: 'nonJson', times: -1 },
      { type: 'statusFalse', message: 'maintenance', times: -1 },
      { type: 'reset', times: -1 },
    ] as const) {
      it(`a failing refresh (${fault.type}) keeps the last data, marked stale, with an error item; recovery clears it`, async () => {
        await api.state.refresh();
        await waitForMonth(api);
        const before = api.state.snapshot;
        await control.addFault({ ...fault, path: '/v1/sessions' });
        await api.state.refresh();
        const stale = api.state.snapshot;
        assert.ok(stale.error, 'the error is kept');
        assert.deepEqual(stale.rooms, before.rooms, 'the last good rooms stay');
        assert.equal(stale.updatedAt, before.updatedAt);
        const top = await treeItems(api);
        assert.deepEqual(top.map(({ node }) => node.kind), ['error', 'license', 'month', 'rooms']);
        assert.equal(label(top[0]!.item), 'Refresh failed: showing older data');
        assert.equal(top[0]!.item.command?.command, 'sconnector.refresh', 'clicking it retries');
        assert.ok(String(top[0]!.item.description).length > 10, 'it says what happened');
        assert.match(api.statusBar.item.text, /\$\(warning\)$/);
        await control.clearFaults();
        await api.state.refresh();
        assert.equal(api.state.snapshot.error, undefined);
        assert.deepEqual((await treeItems(api)).map(({ node }) => node.kind), ['license', 'month', 'rooms']);
        assert.doesNotMatch(api.statusBar.item.text, /warning/);
      });
    }

    it('an expired token is renewed silently', async () => {
      await control.configure({ tokenLifetimeSeconds: 1 });
      api.tokens.reset();
      await api.state.refresh();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await control.clearStats();
      await api.state.refresh();
      assert.equal(api.state.snapshot.error, undefined);
      assert.ok((await control.stats()).auth >= 1, 'signed in again');
      await control.configure({ tokenLifetimeSeconds: null });
    });

    it('revoked keys lead to the welcome view with the reason', async () => {
      await control.configure({ secretKey: 'rotated-by-the-admin' });
      await api.state.refresh();
      const snapshot = await waitForState(api, (s) => s.phase === 'rejected', 'the keys to be rejected');
      assert.equal(snapshot.error?.kind, 'wrongKeys');
      assert.deepEqual(await api.tree.getChildren(), []);
      assert.equal(api.statusBar.item.text, '$(warning) S-Connector');
      await control.reset();
      await signInToEmulator(api);
    });

    it('the log records each request, and never a key or a token', async () => {
      const runDir = testRunDir();
      await api.state.refresh();
      const { token } = await api.tokens.token();
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // log channels are written to disk in batches
      const logs = filesUnder(path.join(runDir, 'user-data', 'logs')).filter((file) => /S-Connector\.log$/.test(file));
      assert.ok(logs.length > 0, 'the S-Connector log channel has a file');
      const text = logs.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
      assert.match(text, /GET \/v1\/sessions → 200 in \d+ ms/);
      assert.match(text, /POST \/v1\/auth → 200/);
      const everything = filesUnder(path.join(runDir, 'user-data', 'logs')).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
      assert.ok(!everything.includes(DEMO_SECRET_KEY), 'no log holds the secret key');
      assert.ok(!everything.includes(token), 'no log holds the token');
    });
  });

  it('sign-out clears the secret key, the tree and the status bar', async () => {
    await ensureSignedIn(api);
    await api.account.signOut();
    await waitForState(api, (s) => s.phase === 'signedOut', 'signed out');
    assert.equal((await api.credentials.status()).kind, 'none');
    assert.deepEqual(await api.tree.getChildren(), []);
    assert.equal(api.statusBar.item.text, '$(broadcast) S-Connector');
  });
});

function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}
