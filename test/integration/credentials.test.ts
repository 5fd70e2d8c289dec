/**
 * Where the keys live, when secret storage misbehaves. VS Code's own SecretStorage cannot be made to
 * fail on purpose, so these tests give the real CredentialStore, Account and LiveState (inside the
 * real extension host, against the emulator) a SecretStorage that fails the way a locked or missing
 * keyring does, or that two windows share.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SConnectorClient } from '../../src/api/client';
import { DEFAULT_HTTP_SETTINGS, HttpTransport } from '../../src/api/http';
import { TokenSource } from '../../src/api/tokens';
import { Account } from '../../src/state/account';
import { CREDENTIALS_ID, CredentialStore, LEGACY_SECRET_KEY_ID } from '../../src/state/credentials';
import { LiveState } from '../../src/state/liveState';
import { signInProblem } from '../../src/views/contextKeys';
import { demoCredentials, emulator, emulatorUrl } from './helpers';

/** A SecretStorage in memory, shared by the "windows" built on it, that can be told to fail. */
class TestSecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  failGet = false;
  failDelete = false;
  failStore = false;
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;

  keys(): Thenable<string[]> {
    return Promise.resolve([...this.values.keys()]);
  }

  get(key: string): Thenable<string | undefined> {
    return this.failGet ? Promise.reject(new Error('Cannot create an item in a locked collection')) : Promise.resolve(this.values.get(key));
  }

  store(key: string, value: string): Thenable<void> {
    if (this.failStore) return Promise.reject(new Error('No keyring available'));
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }

  delete(key: string): Thenable<void> {
    if (this.failDelete) return Promise.reject(new Error('The keyring is locked'));
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}

function window(secrets: TestSecrets, apiUrl = emulatorUrl(), legacyAccessKey = '') {
  const store = new CredentialStore(secrets, { apiUrl: () => apiUrl, legacyAccessKey: () => legacyAccessKey });
  const http = new HttpTransport(() => DEFAULT_HTTP_SETTINGS);
  const tokens = new TokenSource(http, () => store.get(), { lifetimeMinutes: () => 60 });
  const state = new LiveState(new SConnectorClient(http, tokens), store, { intervalMs: () => 60_000 });
  state.setDemand({ focused: false, viewVisible: false, statusBarShown: false }); // no polling of its own
  return { store, account: new Account(tokens, store), state, dispose: () => { state.dispose(); store.dispose(); } };
}

const bound = () => ({ ...demoCredentials, apiUrl: emulatorUrl() });

describe('Credentials when secret storage fails or is shared', function () {
  this.timeout(30_000);
  const control = emulator();
  before(() => control.reset());

  it('an unreadable secret storage says so, instead of reading as signed out', async () => {
    const secrets = new TestSecrets();
    secrets.failGet = true;
    const w = window(secrets);
    try {
      await w.state.refresh();
      const snapshot = w.state.snapshot;
      assert.equal(snapshot.phase, 'rejected');
      assert.equal(snapshot.error?.kind, 'secretStorage');
      assert.match(snapshot.error?.message ?? '', /secret storage could not be read \(Cannot create an item in a locked collection\)\. On Linux, a keyring/);
      assert.equal(signInProblem(snapshot, await w.store.status()), 'secretStorage', 'the welcome view for it shows');
      secrets.failGet = false;
      // What the welcome view's Try Again runs; a refresh already under way (begun while the keyring
      // still failed) is joined, so ask until one starts afresh.
      for (let i = 0; i < 20 && w.state.snapshot.phase !== 'signedOut'; i++) {
        await w.state.refresh();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(w.state.snapshot.phase, 'signedOut', 'Try Again reads it again');
    } finally {
      w.dispose();
    }
  });

  it('a sign-out that secret storage refuses says so and leaves the sign-in in place', async () => {
    const secrets = new TestSecrets();
    const w = window(secrets);
    try {
      await w.account.signIn(bound());
      await w.state.refresh();
      assert.equal(w.state.snapshot.phase, 'ready');
      secrets.failDelete = true;
      await assert.rejects(w.account.signOut(), (error: Error) => /could not remove the secret key \(The keyring is locked\)\. You are still signed in; try again\./.test(error.message));
      assert.ok(await w.store.get(), 'the keys are still there, and still used');
      await w.state.refresh();
      assert.equal(w.state.snapshot.phase, 'ready', 'the next poll is not a surprise sign-in: it never signed out');
      secrets.failDelete = false;
      await w.account.signOut();
      await w.state.refresh();
      assert.equal(w.state.snapshot.phase, 'signedOut');
      assert.equal(secrets.values.size, 0, 'nothing is left behind');
    } finally {
      w.dispose();
    }
  });

  it('a sign-in that cannot be stored says so and keeps the previous one', async () => {
    const secrets = new TestSecrets();
    const w = window(secrets);
    try {
      await w.account.signIn(bound());
      secrets.failStore = true;
      await assert.rejects(w.account.signIn({ ...bound(), accessKey: demoCredentials.accessKey }), (error: Error) => /could not keep the secret key in its secret storage \(No keyring available\)/.test(error.message));
      assert.deepEqual(await w.store.get(), bound());
    } finally {
      w.dispose();
    }
  });

  it('two windows never pair one access key with the other secret key', async () => {
    const secrets = new TestSecrets();
    const a = window(secrets);
    const b = window(secrets);
    try {
      await a.account.signIn(bound());
      assert.deepEqual(await b.store.get(), bound(), 'the other window reads the same pair');
      // Another window signs in with another pair (the emulator takes only one, so store it directly).
      const other = { apiUrl: emulatorUrl(), accessKey: 'other-access', secretKey: 'other-secret-key' };
      const seen: string[] = [];
      const subscription = a.store.onDidChange(async () => {
        const pair = await a.store.get();
        seen.push(`${pair?.accessKey}/${pair?.secretKey}`);
      });
      await b.store.save(other);
      await new Promise((resolve) => setTimeout(resolve, 100));
      subscription.dispose();
      const pair = await a.store.get();
      assert.equal(`${pair?.accessKey}/${pair?.secretKey}`, 'other-access/other-secret-key');
      assert.ok(seen.length > 0 && seen.every((text) => text === 'other-access/other-secret-key'), 'never a mixed pair');
      assert.deepEqual(JSON.parse(secrets.values.get(CREDENTIALS_ID)!), { origin: new URL(emulatorUrl()).origin, accessKey: 'other-access', secretKey: 'other-secret-key' });
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('an earlier sign-in (secret alone, access key in a setting) is carried over, bound to the API URL in use', async () => {
    const secrets = new TestSecrets();
    secrets.values.set(LEGACY_SECRET_KEY_ID, demoCredentials.secretKey);
    const w = window(secrets, emulatorUrl(), demoCredentials.accessKey);
    try {
      assert.deepEqual(await w.store.get(), bound());
      assert.equal(secrets.values.has(LEGACY_SECRET_KEY_ID), false, 'the old entry is gone');
      assert.equal((JSON.parse(secrets.values.get(CREDENTIALS_ID)!) as { origin: string }).origin, new URL(emulatorUrl()).origin);
      await w.state.refresh();
      assert.equal(w.state.snapshot.phase, 'ready', 'signed in without asking again');
    } finally {
      w.dispose();
    }
  });

  it('keys stored for one origin are not handed out for another', async () => {
    const secrets = new TestSecrets();
    let apiUrl = emulatorUrl();
    const store = new CredentialStore(secrets, { apiUrl: () => apiUrl, legacyAccessKey: () => '' });
    try {
      await store.save(bound());
      apiUrl = 'http://localhost:1';
      assert.equal(await store.get(), undefined);
      assert.deepEqual(await store.status(), { kind: 'otherOrigin', storedOrigin: new URL(emulatorUrl()).origin, currentOrigin: 'http://localhost:1', accessKey: demoCredentials.accessKey });
      apiUrl = `${emulatorUrl()}/some/prefix`;
      assert.deepEqual(await store.get(), { ...demoCredentials, apiUrl }, 'the same origin with another path is the same place');
    } finally {
      store.dispose();
    }
  });
});
