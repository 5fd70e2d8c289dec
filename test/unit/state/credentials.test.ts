/**
 * The credential store with a fake secret storage: keys bound to their origin, one entry for the
 * pair, the old two-part sign-in carried over, and a storage that fails.
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { CREDENTIALS_ID, CredentialStore, LEGACY_SECRET_KEY_ID } from '../../../src/state/credentials';
import { FakeSecrets } from './fakes';

const HTTPS = 'https://api.interwater.biz';

function setup(options: { apiUrl?: string; legacyAccessKey?: string; secrets?: FakeSecrets } = {}) {
  const secrets = options.secrets ?? new FakeSecrets();
  const settings = { apiUrl: options.apiUrl ?? HTTPS };
  const migrated: string[] = [];
  const store = new CredentialStore(secrets, { apiUrl: () => settings.apiUrl, legacyAccessKey: () => options.legacyAccessKey ?? '', onMigrated: (origin) => migrated.push(origin) });
  let fired = 0;
  store.onDidChange(() => fired++);
  return { store, secrets, settings, migrated, fired: () => fired };
}

describe('state/credentials CredentialStore', () => {
  it('keeps the pair as one entry, bound to the origin it was checked at', async () => {
    const { store, secrets } = setup();
    await store.save({ apiUrl: `${HTTPS}/v1/`, accessKey: 'ak', secretKey: 'sk' });
    assert.deepEqual(JSON.parse(secrets.entries.get(CREDENTIALS_ID)!), { origin: HTTPS, accessKey: 'ak', secretKey: 'sk' });
    assert.deepEqual(await store.get(), { apiUrl: HTTPS, accessKey: 'ak', secretKey: 'sk' });
    assert.deepEqual(await store.status(), { kind: 'ready', origin: HTTPS, accessKey: 'ak' });
  });

  it('hands out nothing while the API URL names another origin, and the keys again when it names theirs', async () => {
    const { store, settings } = setup();
    await store.save({ apiUrl: HTTPS, accessKey: 'ak', secretKey: 'sk' });
    settings.apiUrl = 'https://evil.example';
    store.apiUrlChanged();
    assert.equal(await store.get(), undefined);
    assert.deepEqual(await store.status(), { kind: 'otherOrigin', storedOrigin: HTTPS, currentOrigin: 'https://evil.example', accessKey: 'ak' });
    settings.apiUrl = `${HTTPS}/`;
    assert.equal((await store.get())?.secretKey, 'sk');
  });

  it('carries an old sign-in over once, bound to the origin in use, and removes the old entry', async () => {
    const secrets = new FakeSecrets();
    secrets.entries.set(LEGACY_SECRET_KEY_ID, 'old-secret');
    const { store, migrated } = setup({ secrets, legacyAccessKey: 'old-access' });
    assert.deepEqual(await store.get(), { apiUrl: HTTPS, accessKey: 'old-access', secretKey: 'old-secret' });
    assert.equal(secrets.entries.has(LEGACY_SECRET_KEY_ID), false);
    assert.deepEqual(migrated, [HTTPS]);
  });

  it('reads an unreadable storage as such, not as signed out, and reads it again when asked again', async () => {
    const secrets = new FakeSecrets();
    secrets.entries.set(CREDENTIALS_ID, JSON.stringify({ origin: HTTPS, accessKey: 'ak', secretKey: 'sk' }));
    secrets.failing = 'read';
    const { store } = setup({ secrets });
    await assert.rejects(store.get(), (error: unknown) => error instanceof ApiError && error.kind === 'secretStorage' && /keyring locked/.test(error.message));
    assert.equal((await store.status()).kind, 'unavailable');
    secrets.failing = undefined;
    assert.equal((await store.get())?.accessKey, 'ak');
  });

  it('keeps the previous sign-in when a write or a delete fails, and says so', async () => {
    const { store, secrets } = setup();
    await store.save({ apiUrl: HTTPS, accessKey: 'ak', secretKey: 'sk' });
    secrets.failing = 'write';
    await assert.rejects(store.save({ apiUrl: HTTPS, accessKey: 'ak2', secretKey: 'sk2' }), /previous sign-in is unchanged/);
    assert.equal((await store.get())?.accessKey, 'ak');
    secrets.failing = 'delete';
    await assert.rejects(store.clear(), /You are still signed in/);
    assert.equal((await store.get())?.accessKey, 'ak');
    secrets.failing = undefined;
    await store.clear();
    assert.equal(await store.get(), undefined);
    assert.equal(secrets.entries.size, 0);
  });

  it('tells its listeners of a real change, also one from another window, and not of a repeat', async () => {
    const { store, secrets, fired } = setup();
    await store.status();
    const before = fired();
    await store.save({ apiUrl: HTTPS, accessKey: 'ak', secretKey: 'sk' });
    assert.equal(fired(), before + 1);
    store.apiUrlChanged(); // the same origin: nothing changed
    assert.equal(fired(), before + 1);
    secrets.changedElsewhere(CREDENTIALS_ID, JSON.stringify({ origin: HTTPS, accessKey: 'ak', secretKey: 'rotated' }));
    await store.status();
    assert.equal(fired(), before + 2);
    assert.equal((await store.get())?.secretKey, 'rotated');
  });

  it('refuses to bind keys to what is not an API URL', async () => {
    const { store } = setup();
    await assert.rejects(store.save({ apiUrl: 'not a url', accessKey: 'ak', secretKey: 'sk' }), (error: unknown) => error instanceof ApiError && error.kind === 'invalidInput');
  });
});
