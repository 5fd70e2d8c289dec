/** The license list in a fake global state: what it keeps, what it refuses, which license is current. */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { CREDENTIALS_ID } from '../../../src/state/credentials';
import { CURRENT_LICENSE_KEY, FIRST_LICENSE_ID, LICENSES_KEY, LicenseList, MAX_LABEL_LENGTH, readRecords, secretIdOf } from '../../../src/state/licenseList';
import { FakeState } from './fakes';

const URL_A = 'https://api.interwater.biz';
const URL_B = 'https://staging.interwater.biz/api';

function setup(values: Record<string, unknown> = {}, defaultLabel = '') {
  const state = new FakeState();
  for (const [key, value] of Object.entries(values)) state.values.set(key, value);
  let next = 0;
  const list = new LicenseList(state, { newId: () => `id${++next}`, defaultLabel: () => defaultLabel });
  let fired = 0;
  list.onDidChange(() => fired++);
  return { state, list, fired: () => fired };
}

describe('LicenseList', () => {
  it('keeps the first license in the entry of earlier versions, every other under its own id', () => {
    assert.equal(secretIdOf(FIRST_LICENSE_ID), CREDENTIALS_ID);
    assert.equal(secretIdOf('abc'), `${CREDENTIALS_ID}.abc`);
  });

  it('adds a license, makes it current, and stores the list and the current id', async () => {
    const { state, list, fired } = setup();
    assert.equal(list.everStored, false);
    assert.equal(list.current?.id, undefined);
    const production = await list.add({ label: '  Production ', apiUrl: URL_A, accessKey: 'ak1' });
    assert.deepEqual(production, { id: 'id1', label: 'Production', apiUrl: URL_A, accessKey: 'ak1' });
    const staging = await list.add({ label: 'Staging', apiUrl: URL_B, accessKey: 'ak2' });
    assert.equal(list.current?.id, staging.id);
    assert.deepEqual(state.get(LICENSES_KEY), [production, staging]);
    assert.equal(state.get(CURRENT_LICENSE_KEY), staging.id);
    assert.equal(list.everStored, true);
    assert.equal(fired(), 2);
  });

  it('refuses an empty, long or taken label and an API URL that is not one, storing nothing', async () => {
    const { state, list } = setup();
    await list.add({ label: 'Production', apiUrl: URL_A, accessKey: 'ak' });
    for (const [label, apiUrl, expected] of [
      ['  ', URL_A, /Enter a name/],
      ['x'.repeat(MAX_LABEL_LENGTH + 1), URL_A, /at most 60 characters/],
      ['PRODUCTION', URL_A, /A license named "Production" exists already/],
      ['Other', 'ftp://api.interwater.biz', /not ftp:\/\//],
    ] as const) {
      await assert.rejects(list.add({ label, apiUrl, accessKey: 'ak' }), (error: unknown) => error instanceof ApiError && error.kind === 'invalidInput' && expected.test(error.message));
    }
    assert.equal((state.get<unknown[]>(LICENSES_KEY) ?? []).length, 1);
    assert.equal(list.labelProblem('x'.repeat(MAX_LABEL_LENGTH)), undefined, 'exactly the maximum is fine');
  });

  it('renames (its own label in another case is fine, another license\'s is not)', async () => {
    const { list } = setup();
    const a = await list.add({ label: 'Production', apiUrl: URL_A, accessKey: 'ak' });
    await list.add({ label: 'Staging', apiUrl: URL_B, accessKey: 'ak' });
    await list.rename(a.id, 'PRODUCTION ');
    assert.equal(list.find(a.id)?.label, 'PRODUCTION');
    await assert.rejects(list.rename(a.id, 'staging'), /exists already/);
  });

  it('removes a license; the current one falls back to the first', async () => {
    const { state, list } = setup();
    const a = await list.add({ label: 'A', apiUrl: URL_A, accessKey: 'ak' });
    const b = await list.add({ label: 'B', apiUrl: URL_B, accessKey: 'ak' });
    await list.remove(b.id);
    assert.deepEqual(list.all.map((record) => record.id), [a.id]);
    assert.equal(list.current?.id, a.id);
    assert.equal(state.get(CURRENT_LICENSE_KEY), undefined);
  });

  it('switches the current license, and ignores an id it does not know', async () => {
    const { state, list, fired } = setup();
    const a = await list.add({ label: 'A', apiUrl: URL_A, accessKey: 'ak' });
    await list.add({ label: 'B', apiUrl: URL_B, accessKey: 'ak' });
    const before = fired();
    await list.setCurrent(a.id);
    assert.equal(list.current?.id, a.id);
    assert.equal(state.get(CURRENT_LICENSE_KEY), a.id);
    await list.setCurrent(a.id);
    await list.setCurrent('nope');
    assert.equal(fired(), before + 1, 'only a real switch is announced');
    assert.equal(list.current?.id, a.id);
  });

  it("starts with the workspace's default license by label, else the one picked last", () => {
    const records = [
      { id: 'a', label: 'Production', apiUrl: URL_A, accessKey: 'ak' },
      { id: 'b', label: 'Staging', apiUrl: URL_B, accessKey: 'ak' },
    ];
    assert.equal(setup({ [LICENSES_KEY]: records, [CURRENT_LICENSE_KEY]: 'a' }, ' staging ').list.current?.id, 'b');
    assert.equal(setup({ [LICENSES_KEY]: records, [CURRENT_LICENSE_KEY]: 'a' }, 'Unknown').list.current?.id, 'a');
    assert.equal(setup({ [LICENSES_KEY]: records }).list.current?.id, 'a', 'none picked: the first');
  });

  it('updates the access key shown only when it changed', async () => {
    const { list, fired } = setup();
    const a = await list.add({ label: 'A', apiUrl: URL_A, accessKey: 'old' });
    const before = fired();
    await list.setAccessKey(a.id, 'old');
    assert.equal(fired(), before);
    await list.setAccessKey(a.id, 'new');
    assert.equal(list.find(a.id)?.accessKey, 'new');
  });

  it('offers a free label from a suggestion', async () => {
    const { list } = setup();
    assert.equal(list.freeLabel(' api.interwater.biz '), 'api.interwater.biz');
    assert.equal(list.freeLabel(''), 'License');
    await list.add({ label: 'api.interwater.biz', apiUrl: URL_A, accessKey: 'ak' });
    await list.add({ label: 'api.interwater.biz (2)', apiUrl: URL_A, accessKey: 'ak' });
    assert.equal(list.freeLabel('api.interwater.biz'), 'api.interwater.biz (3)');
    assert.ok(list.freeLabel('y'.repeat(200)).length <= MAX_LABEL_LENGTH);
  });

  it('reads what it can of a stored list, and leaves out what it cannot', () => {
    assert.deepEqual(readRecords('not a list'), []);
    assert.deepEqual(readRecords([
      null,
      'text',
      { id: 'a', label: 'A', apiUrl: URL_A, accessKey: 'ak' },
      { id: 'a', label: 'Again', apiUrl: URL_A, accessKey: 'ak' },
      { id: '', label: 'No id', apiUrl: URL_A },
      { id: 'b', label: ' ', apiUrl: URL_A },
      { id: 'c', label: 'No URL' },
      { id: 'd', label: 'No key', apiUrl: URL_B, accessKey: 7 },
    ]), [
      { id: 'a', label: 'A', apiUrl: URL_A, accessKey: 'ak' },
      { id: 'd', label: 'No key', apiUrl: URL_B, accessKey: '' },
    ]);
  });

  it('keeps its keys where earlier versions and other machines look for them', () => {
    assert.deepEqual([LICENSES_KEY, CURRENT_LICENSE_KEY, FIRST_LICENSE_ID], ['sconnector.licenses', 'sconnector.currentLicense', 'first']);
  });

  it('finds a license by label without case or surrounding spaces; adding an id again replaces it', async () => {
    const { list } = setup();
    await list.add({ id: 'a', label: 'Production', apiUrl: URL_A, accessKey: 'one' });
    await list.add({ label: 'Staging', apiUrl: URL_B, accessKey: 'two' });
    assert.equal(list.byLabel('  production ')?.id, 'a');
    await list.add({ id: 'a', label: 'Production 2', apiUrl: URL_A, accessKey: 'three' });
    assert.deepEqual(list.all.map((record) => [record.id, record.label, record.accessKey]), [['id1', 'Staging', 'two'], ['a', 'Production 2', 'three']]);
  });

  it('changes the access key of one license only, and removing another keeps the current one', async () => {
    const { list } = setup();
    const a = await list.add({ label: 'A', apiUrl: URL_A, accessKey: 'a' });
    const b = await list.add({ label: 'B', apiUrl: URL_B, accessKey: 'b' });
    await list.setAccessKey(a.id, 'a2');
    assert.deepEqual(list.all.map((record) => record.accessKey), ['a2', 'b']);
    await list.setCurrent(a.id);
    await list.remove(b.id);
    assert.equal(list.current?.id, a.id);
  });
});
