/**
 * The user's licenses: a label, an API URL and an access key each, kept in VS Code's global state
 * (synced by Settings Sync), never in a setting that a folder could change. Secret keys are not
 * here: each sits in secret storage under its license's id, bound to the origin it was entered for
 * (see credentials.ts). So a list changed elsewhere (by a sync, on another machine) can rename or
 * drop a license, but it can never send a stored key to another origin.
 */
import * as l10n from '@vscode/l10n';
import { apiUrlProblem } from '../api/apiUrl';
import { ApiError } from '../api/errors';
import { CREDENTIALS_ID } from './credentials';
import { type Disposable, Emitter } from './events';

export interface LicenseRecord {
  readonly id: string;
  /** What the user calls it; unique, compared without case. */
  readonly label: string;
  readonly apiUrl: string;
  /** Shown in prompts; the pair that is sent is the one in secret storage. */
  readonly accessKey: string;
}

/** The global-state key of the list; it is synced. */
export const LICENSES_KEY = 'sconnector.licenses';
/** The license this machine showed last; not synced (each machine keeps its own). */
export const CURRENT_LICENSE_KEY = 'sconnector.currentLicense';
/** The id of the license carried over from the single sign-in of earlier versions. */
export const FIRST_LICENSE_ID = 'first';
export const MAX_LABEL_LENGTH = 60;

/** Where each license's secret key is kept. The first keeps the entry earlier versions wrote. */
export function secretIdOf(licenseId: string): string {
  return licenseId === FIRST_LICENSE_ID ? CREDENTIALS_ID : `${CREDENTIALS_ID}.${licenseId}`;
}

/** The part of VS Code's Memento the list uses (vscode.Memento fits it). */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface LicenseListOptions {
  /** A fresh, unguessable id for a new license. */
  readonly newId: () => string;
  /** The workspace's `sconnector.defaultLicense`: a label, which picks a license but cannot move a key. */
  readonly defaultLabel?: () => string;
}

export class LicenseList implements Disposable {
  private readonly changed = new Emitter<void>();
  /** When licenses are added, renamed or removed, or another one becomes current. */
  readonly onDidChange = this.changed.event;
  private records: readonly LicenseRecord[];
  private currentId: string | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly options: LicenseListOptions,
  ) {
    this.records = readRecords(store.get<unknown>(LICENSES_KEY));
    const label = options.defaultLabel?.().trim();
    const byLabel = label ? this.byLabel(label) : undefined;
    this.currentId = byLabel?.id ?? store.get<string>(CURRENT_LICENSE_KEY);
  }

  /** Whether a list was ever stored: before that, the extension may carry an older sign-in over. */
  get everStored(): boolean {
    return this.store.get<unknown>(LICENSES_KEY) !== undefined;
  }

  get all(): readonly LicenseRecord[] {
    return this.records;
  }

  /** The license the status bar and the commands act on: the one picked last, or the first. */
  get current(): LicenseRecord | undefined {
    return this.records.find((record) => record.id === this.currentId) ?? this.records[0];
  }

  find(id: string): LicenseRecord | undefined {
    return this.records.find((record) => record.id === id);
  }

  byLabel(label: string): LicenseRecord | undefined {
    const wanted = label.trim().toLocaleLowerCase();
    return this.records.find((record) => record.label.toLocaleLowerCase() === wanted);
  }

  /** Why a label cannot be used (empty, too long, taken by another license), or undefined. */
  labelProblem(label: string, exceptId?: string): string | undefined {
    const trimmed = label.trim();
    if (!trimmed) return l10n.t('Enter a name for this license, such as "Production" or a customer\'s name.');
    if (trimmed.length > MAX_LABEL_LENGTH) return l10n.t('Use at most {0} characters.', MAX_LABEL_LENGTH);
    const taken = this.byLabel(trimmed);
    if (taken && taken.id !== exceptId) return l10n.t('A license named "{0}" exists already.', taken.label);
    return undefined;
  }

  /** A label that is free, from a suggestion (a domain, a host): "name", then "name (2)"… */
  freeLabel(suggestion: string): string {
    const base = suggestion.trim().slice(0, MAX_LABEL_LENGTH - 4) || l10n.t('License');
    let label = base;
    for (let n = 2; this.byLabel(label); n++) label = `${base} (${n})`;
    return label;
  }

  /** Adds a license and makes it current. Its keys must already be checked and stored. */
  async add(record: Omit<LicenseRecord, 'id'> & { readonly id?: string }): Promise<LicenseRecord> {
    const problem = this.labelProblem(record.label) ?? apiUrlProblem(record.apiUrl);
    if (problem) throw new ApiError('invalidInput', problem);
    const added: LicenseRecord = { id: record.id ?? this.options.newId(), label: record.label.trim(), apiUrl: record.apiUrl, accessKey: record.accessKey };
    await this.write([...this.records.filter((known) => known.id !== added.id), added], added.id);
    return added;
  }

  async rename(id: string, label: string): Promise<void> {
    const problem = this.labelProblem(label, id);
    if (problem) throw new ApiError('invalidInput', problem);
    await this.write(this.records.map((record) => (record.id === id ? { ...record, label: label.trim() } : record)), this.currentId);
  }

  /** The access key shown for a license, after a sign-in with another one. */
  async setAccessKey(id: string, accessKey: string): Promise<void> {
    if (this.find(id)?.accessKey === accessKey) return;
    await this.write(this.records.map((record) => (record.id === id ? { ...record, accessKey } : record)), this.currentId);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.records.filter((record) => record.id !== id), this.currentId === id ? undefined : this.currentId);
  }

  async setCurrent(id: string): Promise<void> {
    if (this.current?.id === id || !this.find(id)) return;
    this.currentId = id;
    this.changed.fire();
    await this.store.update(CURRENT_LICENSE_KEY, id);
  }

  private async write(records: readonly LicenseRecord[], currentId: string | undefined): Promise<void> {
    // Memory first, so that every view reads the new list at once; then the store.
    this.records = records;
    this.currentId = currentId;
    this.changed.fire();
    await this.store.update(LICENSES_KEY, records);
    await this.store.update(CURRENT_LICENSE_KEY, currentId);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * The stored list as far as it can be read: an entry without an id, a label or an API URL (from an
 * older or newer version, or an edited sync) is left out, not a reason to lose the others.
 */
export function readRecords(value: unknown): LicenseRecord[] {
  if (!Array.isArray(value)) return [];
  const records: LicenseRecord[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, label, apiUrl, accessKey } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !id || typeof label !== 'string' || !label.trim() || typeof apiUrl !== 'string') continue;
    if (records.some((record) => record.id === id)) continue;
    records.push({ id, label, apiUrl, accessKey: typeof accessKey === 'string' ? accessKey : '' });
  }
  return records;
}
