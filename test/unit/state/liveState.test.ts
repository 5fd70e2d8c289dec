/**
 * The live-state model with a fake client and fake keys: what it asks and when, what it keeps when
 * a refresh fails, what a change of keys does mid-refresh, what its change events say, and how it
 * keeps room details.
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import type { BoundCredentials } from '../../../src/api/tokens';
import { Emitter } from '../../../src/state/events';
import { isUnchanged, type LiveChange } from '../../../src/state/liveChange';
import { type KeySource, LiveState } from '../../../src/state/liveState';
import { FakeClient, LICENSE } from './fakes';

const KEYS: BoundCredentials = { apiUrl: 'https://api.example', accessKey: 'a', secretKey: 's' };

class FakeKeys implements KeySource {
  current: BoundCredentials | undefined = KEYS;
  unreadable: ApiError | undefined;
  private readonly emitter = new Emitter<void>();
  readonly onDidChange = this.emitter.event;

  /** While set, get() waits for it: secret storage still being read. */
  reading: Promise<void> | undefined;

  async get(): Promise<BoundCredentials | undefined> {
    await this.reading;
    return this.unreadable ? Promise.reject(this.unreadable) : Promise.resolve(this.current);
  }

  change(keys: BoundCredentials | undefined): void {
    this.current = keys;
    this.emitter.fire();
  }
}

interface Setup {
  readonly state: LiveState;
  readonly client: FakeClient;
  readonly keys: FakeKeys;
  readonly changes: LiveChange[];
  readonly errors: ApiError[];
}

const live: LiveState[] = [];

function setup(intervalMs = 60_000): Setup {
  const client = new FakeClient();
  const keys = new FakeKeys();
  const errors: ApiError[] = [];
  const state = new LiveState(client, keys, { intervalMs: () => intervalMs, onError: (error) => errors.push(error) });
  live.push(state);
  const changes: LiveChange[] = [];
  state.onDidChange((change) => changes.push(change));
  return { state, client, keys, changes, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits for `condition`; fails after 5 s (a generous bound for a loaded machine, not a speed figure). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('state/liveState', () => {
  afterEach(() => {
    for (const state of live.splice(0)) state.dispose();
  });

  it('asks for license and rooms together, once however many ask, and lists rooms under way first', async () => {
    const { state, client, changes } = setup();
    await Promise.all([state.refresh(), state.refresh(), state.refresh()]);
    assert.deepEqual(client.calls, ['license', 'rooms']);
    assert.equal(state.snapshot.phase, 'ready');
    assert.deepEqual(state.snapshot.rooms?.map((room) => room.roomName), ['b', 'a']);
    assert.equal(state.snapshot.refreshing, false);
    assert.deepEqual(changes.map((change) => [change.snapshot.phase, change.whole]), [['loading', true], ['ready', true]]);
  });

  it('makes no request without keys, and reads as signed out', async () => {
    const { state, client, keys } = setup();
    keys.current = undefined;
    await state.refresh();
    assert.deepEqual(client.calls, []);
    assert.equal(state.snapshot.phase, 'signedOut');
  });

  it('tells once per poll, and says when nothing the views show has changed', async () => {
    const { state, changes } = setup();
    await state.refresh();
    changes.length = 0;
    await state.refresh();
    assert.equal(changes.length, 1, 'no separate "refreshing" event');
    assert.ok(isUnchanged(changes[0]!));
  });

  it('names the one room that changed in place', async () => {
    const { state, client, changes } = setup();
    await state.refresh();
    changes.length = 0;
    client.rooms$ = [client.rooms$[0]!, { ...client.rooms$[1]!, status: 'OPEN' }];
    await state.refresh();
    assert.deepEqual(changes.map((change) => [change.whole, change.license, change.roomList, change.rooms]), [[false, false, false, ['a']]]);
  });

  it('keeps the last good data, marked stale, when a refresh fails, and clears the mark after a success', async () => {
    const { state, client, errors } = setup();
    await state.refresh();
    client.failure = new ApiError('timeout', 'The server did not answer.');
    await state.refresh();
    assert.equal(state.snapshot.phase, 'ready');
    assert.equal(state.snapshot.error?.kind, 'timeout');
    assert.deepEqual(state.snapshot.rooms?.map((room) => room.roomName), ['b', 'a'], 'the rooms are still shown');
    assert.equal(errors.length, 1);
    client.failure = undefined;
    await state.refresh();
    assert.equal(state.snapshot.error, undefined);
  });

  it('shows nothing of the old data when the server turns the keys down', async () => {
    const { state, client } = setup();
    await state.refresh();
    client.failure = new ApiError('wrongKeys', 'Wrong keys.');
    await state.refresh();
    assert.equal(state.snapshot.phase, 'rejected');
    assert.equal(state.snapshot.rooms, undefined);
  });

  it('reads as rejected, saying why, when secret storage cannot be read', async () => {
    const { state, keys, client } = setup();
    keys.unreadable = new ApiError('secretStorage', 'The keyring is locked.');
    await state.refresh();
    assert.equal(state.snapshot.phase, 'rejected');
    assert.equal(state.snapshot.error?.kind, 'secretStorage');
    assert.deepEqual(client.calls, []);
  });

  it('drops an answer for keys that changed while it was on its way, and asks again for the new ones', async () => {
    const { state, client, keys, changes } = setup();
    await state.refresh();
    client.hold();
    const pending = state.refresh(); // asked with the old keys: answers 'trial'
    await settle();
    client.license$ = { ...LICENSE, domain: 'other' };
    changes.length = 0;
    keys.change({ ...KEYS, accessKey: 'other' });
    client.letGo();
    await pending;
    await until(() => state.snapshot.license?.domain === 'other', 'the license for the new keys');
    assert.equal(client.calls.filter((call) => call === 'license').length, 3, 'asked again, once, for the new keys');
    assert.ok(changes.every((change) => change.snapshot.license?.domain !== 'trial'), 'the answer for the old keys was never shown');
    assert.equal(changes[0]?.snapshot.phase, 'loading', 'nothing of the old data is shown for the new keys');
  });

  it("keeps an expanded room's detail while the room stays the same, and asks again when it changes", async () => {
    const { state, client } = setup();
    await state.refresh();
    await state.roomDetail('a');
    await state.roomDetail('a');
    await state.refresh(); // the same rooms
    await state.roomDetail('a');
    assert.deepEqual(client.calls.filter((call) => call.startsWith('room ')), ['room a'], 'asked once');
    client.rooms$ = [client.rooms$[0]!, { ...client.rooms$[1]!, userCount: 3 }];
    await state.refresh();
    const detail = await state.roomDetail('a');
    assert.deepEqual(client.calls.filter((call) => call.startsWith('room ')), ['room a', 'room a'], 'asked again after the change');
    assert.equal(detail.kind === 'live' ? detail.room.userCount : undefined, 3);
  });

  it('asks every room again on a manual refresh, and redraws everything then', async () => {
    const { state, client, changes } = setup();
    await state.refresh();
    await state.roomDetail('b');
    changes.length = 0;
    await state.refresh(true);
    await state.roomDetail('b');
    assert.deepEqual(client.calls.filter((call) => call.startsWith('room ')), ['room b', 'room b']);
    assert.deepEqual(changes.map((change) => change.whole), [true]);
  });

  it('reads a room that has closed, and one that failed, as such', async () => {
    const { state, client } = setup();
    await state.refresh();
    assert.deepEqual(await state.roomDetail('gone'), { kind: 'closed' });
    client.room = () => Promise.reject(new Error('socket hang up'));
    const failed = await state.roomDetail('b');
    assert.equal(failed.kind, 'failed');
    assert.match(failed.kind === 'failed' ? failed.error.message : '', /socket hang up/);
  });

  it('polls while a view shows the data, pauses when none does, and catches up when one shows it again', async () => {
    const { state, client } = setup(20);
    state.setDemand({ viewVisible: true, focused: true });
    await state.refresh();
    await until(() => client.calls.filter((call) => call === 'license').length >= 3, 'three polls at a 20 ms interval');
    state.setDemand({ viewVisible: false });
    await new Promise((resolve) => setTimeout(resolve, 30)); // a poll already under way may end
    const paused = client.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(client.calls.length, paused, 'no poll while nothing shows the data');
    state.setDemand({ viewVisible: true });
    await settle();
    assert.equal(client.calls.length, paused + 2, 'shown again after more than an interval: asked at once');
  });

  it('asks once at start-up when the keys arrive while the first refresh waits for them, and start() adds nothing after a refresh', async () => {
    const { state, client, keys } = setup();
    let loaded: () => void = () => undefined;
    keys.reading = new Promise((resolve) => (loaded = resolve));
    const first = state.refresh();
    keys.change(KEYS); // the store has read its entry: it says so while the refresh waits for it
    loaded();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(client.calls, ['license', 'rooms'], 'the waiting refresh read the keys: no second one');
    state.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(client.calls, ['license', 'rooms'], 'start() after a refresh asks nothing more');
  });
});
