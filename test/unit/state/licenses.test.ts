/**
 * Licenses side by side, with fake secret storage, fake global state and a fake client per license:
 * carrying the single sign-in of earlier versions over, adding and removing licenses with keys kept
 * apart, a synced list that cannot move a key, and one license's trouble not reaching the others.
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import type { BoundCredentials } from '../../../src/api/tokens';
import { CREDENTIALS_ID, CredentialStore, LEGACY_SECRET_KEY_ID } from '../../../src/state/credentials';
import { FIRST_LICENSE_ID, LICENSES_KEY, LicenseList, secretIdOf } from '../../../src/state/licenseList';
import { type LicenseParts, Licenses, type PartsSpec, suggestedLabel } from '../../../src/state/licenses';
import { LiveState } from '../../../src/state/liveState';
import { FakeClient, FakeSecrets, FakeState } from './fakes';

/** v1/auth as the fake sees it: keys it accepts, and every sign-in it was asked for. */
class FakeTokens {
  readonly signIns: BoundCredentials[] = [];
  resets = 0;
  constructor(private readonly accepts: (credentials: BoundCredentials) => boolean) {}
  signIn(credentials: BoundCredentials): Promise<unknown> {
    this.signIns.push(credentials);
    return this.accepts(credentials) ? Promise.resolve('token') : Promise.reject(new ApiError('wrongKeys', 'S-Connector did not accept the access key and secret key.'));
  }
  reset(): void {
    this.resets++;
  }
}

type Parts = LicenseParts & { readonly tokens: FakeTokens; readonly client: FakeClient; readonly spec: PartsSpec };

const PRODUCTION = 'https://api.interwater.biz';
const STAGING = 'https://staging.interwater.biz';
const keys = (apiUrl: string, accessKey = 'ak', secretKey = 'sk'): BoundCredentials => ({ apiUrl, accessKey, secretKey });
const entry = (origin: string, accessKey = 'ak', secretKey = 'sk') => JSON.stringify({ origin, accessKey, secretKey });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: { secrets?: FakeSecrets; state?: FakeState; fallback?: string; legacyAccessKey?: string; accepts?: (credentials: BoundCredentials) => boolean } = {}) {
  const secrets = options.secrets ?? new FakeSecrets();
  const state = options.state ?? new FakeState();
  const settings = { apiUrl: options.fallback ?? PRODUCTION };
  const built: Parts[] = [];
  let next = 0;
  const list = new LicenseList(state, { newId: () => `id${++next}` });
  const licenses = new Licenses<Parts>(list, {
    fallbackApiUrl: () => settings.apiUrl,
    newId: () => `id${++next}`,
    build: (spec) => {
      const credentials = new CredentialStore(secrets, { apiUrl: spec.apiUrl, secretId: spec.secretId, ...(spec.carriesOldSignIn && { legacyAccessKey: () => options.legacyAccessKey ?? '' }) });
      const client = new FakeClient();
      const parts: Parts = { credentials, tokens: new FakeTokens(options.accepts ?? (() => true)), client, state: new LiveState(client, credentials, { intervalMs: () => 60_000 }), spec };
      built.push(parts);
      return parts;
    },
  });
  licenses.setDemand({ focused: false, viewVisible: false, statusBarShown: false }); // no polling of their own
  let changes = 0;
  licenses.onDidChange(() => changes++);
  return { secrets, state, settings, list, licenses, built, changes: () => changes };
}

/** Until the credential stores have read secret storage and their answers have settled. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await tick();
}

describe('Licenses', () => {
  it('carries the single sign-in of earlier versions over as the first license, asking nothing', async () => {
    const secrets = new FakeSecrets();
    secrets.entries.set(CREDENTIALS_ID, entry(PRODUCTION));
    const { licenses, list, built } = setup({ secrets });
    assert.equal(licenses.all.length, 1);
    assert.equal(licenses.current.record, undefined, 'provisional until its keys are read');
    await settle();
    assert.deepEqual(list.all, [{ id: FIRST_LICENSE_ID, label: 'api.interwater.biz', apiUrl: PRODUCTION, accessKey: 'ak' }]);
    assert.equal(licenses.current.id, FIRST_LICENSE_ID);
    assert.equal(built.length, 1, 'the same session goes on');
    assert.deepEqual(built[0]!.tokens.signIns, [], 'no sign-in was asked for');
    assert.deepEqual(await licenses.current.credentials.get(), { ...keys(PRODUCTION) });
  });

  it('carries a sign-in stored for another origin over at that origin, where its key belongs', async () => {
    const secrets = new FakeSecrets();
    secrets.entries.set(CREDENTIALS_ID, entry(STAGING));
    const { licenses, list } = setup({ secrets, fallback: PRODUCTION });
    await settle();
    assert.equal(list.all[0]?.apiUrl, STAGING);
    assert.deepEqual(await licenses.current.credentials.get(), keys(STAGING));
    await settle();
    assert.equal(licenses.current.state.snapshot.phase, 'ready', 'it shows its data at once, at its own origin');
  });

  it('carries over the oldest form too (the secret key alone, the access key in a setting)', async () => {
    const secrets = new FakeSecrets();
    secrets.entries.set(LEGACY_SECRET_KEY_ID, 'old-secret');
    const { list } = setup({ secrets, legacyAccessKey: 'old-access' });
    await settle();
    assert.deepEqual(list.all.map((record) => [record.id, record.accessKey]), [[FIRST_LICENSE_ID, 'old-access']]);
    assert.equal(secrets.entries.has(LEGACY_SECRET_KEY_ID), false);
  });

  it('with nothing stored, keeps one provisional license that follows the API URL setting', async () => {
    const { licenses, list, settings } = setup();
    await settle();
    assert.deepEqual(list.all, []);
    assert.equal(licenses.current.apiUrl, PRODUCTION);
    assert.equal(licenses.current.label, 'api.interwater.biz');
    settings.apiUrl = STAGING;
    licenses.fallbackApiUrlChanged();
    assert.equal(licenses.current.apiUrl, STAGING);
    assert.equal(licenses.current.parts.tokens.resets, 1, "a token for one server means nothing to another");
  });

  it('signing the provisional license in makes it the first license of the list', async () => {
    const { licenses, list, secrets } = setup();
    await settle();
    const session = licenses.current;
    await licenses.signIn(session, keys(PRODUCTION));
    assert.deepEqual(list.all, [{ id: FIRST_LICENSE_ID, label: 'api.interwater.biz', apiUrl: PRODUCTION, accessKey: 'ak' }]);
    assert.equal(licenses.current, session);
    assert.ok(secrets.entries.has(CREDENTIALS_ID));
  });

  it('adds a second license with its keys apart; each license has its own session', async () => {
    const { licenses, list, secrets, changes } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    const draft = licenses.draft(STAGING);
    assert.equal(licenses.all.length, 1, 'a draft is not shown');
    await licenses.signIn(draft, keys(STAGING, 'ak2', 'sk2'), 'Staging');
    assert.deepEqual(list.all.map((record) => record.label), ['api.interwater.biz', 'Staging']);
    assert.equal(licenses.all.length, 2);
    assert.equal(licenses.current, draft, 'the new license is current');
    assert.equal((JSON.parse(secrets.entries.get(secretIdOf(draft.id))!) as { secretKey: string }).secretKey, 'sk2');
    assert.equal((JSON.parse(secrets.entries.get(CREDENTIALS_ID)!) as { secretKey: string }).secretKey, 'sk', 'the first keeps its own');
    assert.ok(changes() >= 2);
  });

  it('keys that are refused store nothing and add no license', async () => {
    const { licenses, list, secrets } = setup({ accepts: (credentials) => credentials.secretKey === 'sk' });
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    const draft = licenses.draft(STAGING);
    await assert.rejects(licenses.signIn(draft, keys(STAGING, 'ak2', 'wrong'), 'Staging'), /did not accept/);
    licenses.discard(draft);
    assert.equal(list.all.length, 1);
    assert.equal(secrets.entries.has(secretIdOf(draft.id)), false);
  });

  it("refuses keys for another origin on a license that has one, before asking the server", async () => {
    const { licenses } = setup();
    const first = licenses.current;
    await licenses.signIn(first, keys(PRODUCTION));
    await assert.rejects(licenses.signIn(first, keys(STAGING)), (error: unknown) => error instanceof ApiError && error.kind === 'invalidInput');
    assert.deepEqual(first.parts.tokens.signIns.map((credentials) => credentials.apiUrl), [PRODUCTION]);
  });

  it('removes a license with its secret key; the other license and its key stay', async () => {
    const { licenses, list, secrets, built } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    const staging = licenses.draft(STAGING);
    await licenses.signIn(staging, keys(STAGING, 'ak2', 'sk2'), 'Staging');
    await licenses.remove(staging);
    assert.deepEqual(list.all.map((record) => record.label), ['api.interwater.biz']);
    assert.equal(secrets.entries.has(secretIdOf(staging.id)), false);
    assert.ok(secrets.entries.has(CREDENTIALS_ID));
    assert.equal(licenses.all.length, 1);
    assert.equal(built.find((parts) => parts.spec.id === staging.id)?.tokens.resets, 1, 'its token is forgotten');
  });

  it('removing the last license leaves a provisional one, signed out, with a new id', async () => {
    const { licenses, secrets } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    await licenses.remove(licenses.current);
    assert.equal(licenses.all.length, 1);
    assert.notEqual(licenses.current.id, FIRST_LICENSE_ID);
    assert.equal(licenses.current.record, undefined);
    assert.equal(secrets.entries.size, 0);
  });

  it('a list synced from elsewhere that points a license at another origin does not take its key there', async () => {
    // This machine holds the key of license "a", entered for production; the synced list now says evil.example.
    const secrets = new FakeSecrets();
    secrets.entries.set(secretIdOf('a'), entry(PRODUCTION));
    const state = new FakeState();
    state.values.set(LICENSES_KEY, [{ id: 'a', label: 'Production', apiUrl: 'https://evil.example', accessKey: 'ak' }]);
    const { licenses, built } = setup({ secrets, state });
    await settle();
    const session = licenses.current;
    assert.equal(session.apiUrl, 'https://evil.example');
    assert.equal(await session.credentials.get(), undefined, 'the key is not handed out for another origin');
    assert.equal((await session.credentials.status()).kind, 'otherOrigin');
    await session.state.refresh();
    assert.equal(session.state.snapshot.phase, 'signedOut');
    assert.deepEqual(built[0]!.client.calls, [], 'nothing was asked of any server');
  });

  it('asks two requests per license per cycle, 20 licenses side by side', async () => {
    const { licenses, list, built } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    for (let n = 2; n <= 20; n++) await licenses.signIn(licenses.draft(`https://h${n}.example`), keys(`https://h${n}.example`), `License ${n}`);
    await settle();
    assert.equal(list.all.length, 20);
    for (const parts of built) parts.client.calls.length = 0;
    await licenses.refreshAll();
    const calls = licenses.all.map((session) => built.find((parts) => parts.spec.id === session.id)!.client.calls.join(','));
    assert.deepEqual(new Set(calls), new Set(['license,rooms']));
    assert.equal(calls.length, 20);
  });

  it("one license's failing or hanging server does not hold the others back", async () => {
    const { licenses, built } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    const staging = licenses.draft(STAGING);
    await licenses.signIn(staging, keys(STAGING), 'Staging');
    await settle();
    const stagingParts = built.find((parts) => parts.spec.id === staging.id)!;
    const productionParts = built.find((parts) => parts.spec.id === FIRST_LICENSE_ID)!;
    stagingParts.client.hold();
    stagingParts.client.failure = new ApiError('timeout', 'The S-Connector server did not answer in time.');
    const stagingRefresh = staging.state.refresh();
    await productionParts.state.refresh();
    assert.equal(licenses.find(FIRST_LICENSE_ID)!.state.snapshot.phase, 'ready');
    assert.equal(licenses.find(FIRST_LICENSE_ID)!.state.snapshot.error, undefined);
    stagingParts.client.letGo();
    await stagingRefresh;
    assert.equal(staging.state.snapshot.error?.kind, 'timeout');
    assert.equal(licenses.find(FIRST_LICENSE_ID)!.state.snapshot.error, undefined, 'the failure stays with its license');
  });

  it('passes on each license\'s live changes with the license they belong to', async () => {
    const { licenses } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    const seen: string[] = [];
    licenses.onDidChangeLive(({ session, change }) => seen.push(`${session.id}:${change.snapshot.phase}`));
    await licenses.current.state.refresh();
    assert.ok(seen.includes(`${FIRST_LICENSE_ID}:ready`), seen.join(' '));
  });

  it('builds no license before something needs it, and every license right after start()', async () => {
    const state = new FakeState();
    state.values.set(LICENSES_KEY, ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase(), apiUrl: `https://${id}.example`, accessKey: 'ak' })));
    const { licenses, built } = setup({ state });
    assert.equal(licenses.all.length, 3);
    assert.deepEqual(licenses.current.snapshot, { phase: 'loading', skippedRooms: 0, duplicateRooms: 0, refreshing: false }, 'shown as loading, without building it');
    assert.equal(licenses.current.label, 'A');
    assert.equal(built.length, 0, 'activation builds nothing it does not show');
    licenses.start();
    assert.equal(built.length, 0, 'not before activate() has returned');
    await tick();
    assert.deepEqual(built.map((parts) => parts.spec.id), ['a', 'b', 'c']);
    licenses.dispose();
  });

  it('each license asks the server once at start-up, built before start() or by it', async () => {
    const state = new FakeState();
    state.values.set(LICENSES_KEY, ['a', 'b'].map((id) => ({ id, label: id, apiUrl: PRODUCTION, accessKey: 'ak' })));
    const secrets = new FakeSecrets();
    for (const id of ['a', 'b']) secrets.entries.set(secretIdOf(id), entry(PRODUCTION));
    const { licenses, built } = setup({ state, secrets });
    licenses.current.ensureBuilt();
    assert.deepEqual(built.map((parts) => parts.spec.id), ['a'], 'only what was asked for');
    await settle();
    licenses.start();
    for (let i = 0; i < 10; i++) await tick();
    assert.deepEqual(built.map((parts) => [parts.spec.id, parts.client.calls.join(',')]), [['a', 'license,rooms'], ['b', 'license,rooms']]);
    assert.equal(licenses.find('nope'), undefined);
    licenses.dispose();
  });

  it('a license gone from the list (removed in another window) loses its session, which tells no one any more', async () => {
    const { licenses, list } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    const staging = licenses.draft(STAGING);
    await licenses.signIn(staging, keys(STAGING, 'ak2', 'sk2'), 'Staging');
    const heard: string[] = [];
    licenses.onDidChangeLive(({ session }) => heard.push(session.id));
    await list.remove(staging.id);
    assert.equal(licenses.find(staging.id), undefined);
    await staging.state.refresh();
    assert.ok(!heard.includes(staging.id), 'a dropped license is not heard');
    await licenses.current.state.refresh();
    assert.ok(heard.includes(FIRST_LICENSE_ID));
  });

  it('discards a draft that was not added, and nothing that is listed', async () => {
    const { licenses } = setup({ accepts: () => false });
    const draft = licenses.draft(STAGING);
    await assert.rejects(licenses.signIn(draft, keys(STAGING), 'Staging'));
    const heard: string[] = [];
    licenses.onDidChangeLive(({ session }) => heard.push(session.id));
    licenses.discard(draft);
    await draft.state.refresh();
    assert.deepEqual(heard, [], 'a discarded draft is disposed and unheard');
    const provisional = licenses.current;
    licenses.discard(provisional);
    await provisional.state.refresh();
    assert.deepEqual(heard, [provisional.id], 'the provisional license is not a draft: it stays');
  });

  it('removing the provisional license stores no list, so an older sign-in can still be carried over', async () => {
    const { licenses, list } = setup();
    await licenses.remove(licenses.current);
    assert.equal(list.everStored, false);
  });

  it('after dispose, no license is heard any more', async () => {
    const { licenses } = setup();
    await licenses.signIn(licenses.current, keys(PRODUCTION));
    const session = licenses.current;
    const heard: string[] = [];
    licenses.onDidChangeLive(({ session: from }) => heard.push(from.id));
    licenses.dispose();
    await session.state.refresh();
    assert.deepEqual(heard, []);
  });

  it('names a license by its label, else its domain, else its host', () => {
    assert.equal(suggestedLabel(' trial ', PRODUCTION), 'trial');
    assert.equal(suggestedLabel(undefined, 'https://api.interwater.biz:8443/x'), 'api.interwater.biz:8443');
    assert.equal(suggestedLabel('', 'not a url'), 'not a url');
  });
});
