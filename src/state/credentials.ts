/**
 * Where the keys live: one SecretStorage entry holds the access key, the secret key and the API
 * origin they were entered for, written and read together, so that no window ever pairs one
 * window's access key with another's secret key. The pair is handed out only while the API URL
 * setting names that same origin: another origin means "signed out there", never a silent sign-in.
 *
 * Fires `onDidChange` when what `get()` would return changes: a sign-in or sign-out in this window
 * or another (SecretStorage events are repeated across windows, and may come twice), or the API URL
 * moving to another origin and back.
 */
import * as l10n from '@vscode/l10n';
import { originOf } from '../api/apiUrl';
import { ApiError } from '../api/errors';
import { type BoundCredentials } from '../api/tokens';
import { type Disposable, Emitter, type SecretStore } from './events';

export const CREDENTIALS_ID = 'sconnector.credentials';
/** Before 0.2 the secret key was stored alone, its access key in a setting. */
export const LEGACY_SECRET_KEY_ID = 'sconnector.secretKey';

interface StoredCredentials {
  readonly origin: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly clearTextConfirmed?: boolean;
}

/** What the welcome view and the menus need to know, without the secret. */
export type CredentialStatus =
  | { readonly kind: 'none' }
  /** Keys are stored, for the origin the API URL names now. */
  | { readonly kind: 'ready'; readonly origin: string; readonly accessKey: string }
  /** Keys are stored for another origin than the API URL names now. */
  | { readonly kind: 'otherOrigin'; readonly storedOrigin: string; readonly currentOrigin: string | undefined; readonly accessKey: string }
  /** VS Code's secret storage could not be read. */
  | { readonly kind: 'unavailable'; readonly error: ApiError };

export interface CredentialStoreOptions {
  /** The API URL of the license, as it is now. */
  readonly apiUrl: () => string;
  /** The secret storage entry of this license (CREDENTIALS_ID unless several licenses exist). */
  readonly secretId?: string;
  /**
   * The access key setting of earlier versions, read once to carry an old sign-in over; only the
   * license that keeps the entry of earlier versions has one.
   */
  readonly legacyAccessKey?: () => string;
  readonly onMigrated?: (origin: string) => void;
}

export class CredentialStore implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private stored: StoredCredentials | undefined;
  private readError: ApiError | undefined;
  private loading: Promise<void>;
  /** What was last announced, to tell a real change from a repeated event. */
  private lastStatus = '';
  private lastStored: StoredCredentials | undefined;
  private readonly subscriptions: Disposable[];
  private readonly secretId: string;

  constructor(
    private readonly secrets: SecretStore,
    private readonly options: CredentialStoreOptions,
  ) {
    this.secretId = options.secretId ?? CREDENTIALS_ID;
    this.loading = this.reload();
    this.subscriptions = [
      this.changed,
      secrets.onDidChange((event) => {
        if (event.key === this.secretId) this.loading = this.reload();
      }),
    ];
  }

  /** The pair with its API URL, or undefined unless keys are stored for the origin the API URL names now. */
  async get(): Promise<BoundCredentials | undefined> {
    await this.loading;
    // A failed read is tried again on the next ask (the welcome view's Try Again refreshes);
    // polling is paused meanwhile, so this never hammers the keyring.
    if (this.readError) await this.reloadNow();
    if (this.readError) throw this.readError;
    const stored = this.stored;
    const apiUrl = this.options.apiUrl();
    if (!stored || stored.origin !== originOf(apiUrl)) return undefined;
    return { apiUrl, accessKey: stored.accessKey, secretKey: stored.secretKey, ...(stored.clearTextConfirmed && { clearTextConfirmed: true }) };
  }

  /** Whether keys are stored, and for which origin; never the secret. */
  async status(): Promise<CredentialStatus> {
    await this.loading;
    return this.currentStatus();
  }

  /** The access key last stored, for the Sign In prompt, whichever origin it belongs to. */
  async accessKey(): Promise<string | undefined> {
    await this.loading.catch(() => undefined);
    return this.stored?.accessKey;
  }

  /** Tells listeners that the API URL changed: the stored keys may now apply, or no longer. */
  apiUrlChanged(): void {
    this.fireIfChanged();
  }

  /**
   * Stores keys that v1/auth has already accepted, bound to the origin they were checked at, as one
   * entry: listeners never see the new secret key paired with the old access key.
   */
  async save(credentials: BoundCredentials): Promise<void> {
    const origin = originOf(credentials.apiUrl);
    if (!origin) throw new ApiError('invalidInput', l10n.t('The S-Connector API URL "{0}" is not a valid URL. It should look like https://api.interwater.biz.', credentials.apiUrl));
    await this.loading.catch(() => undefined); // a read still under way must not overwrite this write
    const entry: StoredCredentials = {
      origin,
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey,
      ...(credentials.clearTextConfirmed && { clearTextConfirmed: true }),
    };
    try {
      await this.secrets.store(this.secretId, JSON.stringify(entry));
    } catch (error) {
      throw storageError('write', error);
    }
    this.stored = entry;
    this.readError = undefined;
    // Always announced, even for the same keys: signing in again after a refusal must refresh.
    this.lastStatus = '';
    this.fireIfChanged();
  }

  /**
   * Forgets the keys. If secret storage cannot delete them, this throws and nothing changes here:
   * the keys are still on disk, so this window stays signed in rather than pretend otherwise.
   */
  async clear(): Promise<void> {
    await this.loading.catch(() => undefined);
    try {
      await this.secrets.delete(this.secretId);
      if (this.options.legacyAccessKey) await this.secrets.delete(LEGACY_SECRET_KEY_ID);
    } catch (error) {
      throw storageError('delete', error);
    }
    this.stored = undefined;
    this.fireIfChanged();
  }

  /** Reads secret storage again (Retry after it failed). */
  reloadNow(): Promise<void> {
    this.loading = this.reload();
    return this.loading;
  }

  private currentStatus(): CredentialStatus {
    if (this.readError) return { kind: 'unavailable', error: this.readError };
    const stored = this.stored;
    if (!stored) return { kind: 'none' };
    const currentOrigin = originOf(this.options.apiUrl());
    return stored.origin === currentOrigin
      ? { kind: 'ready', origin: stored.origin, accessKey: stored.accessKey }
      : { kind: 'otherOrigin', storedOrigin: stored.origin, currentOrigin, accessKey: stored.accessKey };
  }

  private async reload(): Promise<void> {
    try {
      this.stored = parseStored(await this.secrets.get(this.secretId)) ?? (await this.migrate());
      this.readError = undefined;
    } catch (error) {
      // Say so: reading as "signed out" would hide a keyring that is locked or missing.
      this.readError = storageError('read', error);
    }
    this.fireIfChanged();
  }

  /**
   * An old sign-in (secret key alone, access key in a setting) becomes one entry, bound to the origin
   * the API URL names now: that is where the old version was sending it. A clear-text origin is not
   * confirmed by this, so the next sign-in there asks first.
   */
  private async migrate(): Promise<StoredCredentials | undefined> {
    if (!this.options.legacyAccessKey) return undefined;
    const secretKey = await this.secrets.get(LEGACY_SECRET_KEY_ID);
    const accessKey = this.options.legacyAccessKey();
    const origin = originOf(this.options.apiUrl());
    if (!secretKey || !accessKey || !origin) return undefined;
    const entry: StoredCredentials = { origin, accessKey, secretKey };
    try {
      await this.secrets.store(this.secretId, JSON.stringify(entry));
      await this.secrets.delete(LEGACY_SECRET_KEY_ID);
      this.options.onMigrated?.(origin);
    } catch {
      // Kept in memory for this session; the old entry is still there to migrate next time.
    }
    return entry;
  }

  private fireIfChanged(): void {
    const status = this.currentStatus();
    const key = status.kind === 'unavailable' ? `unavailable:${status.error.message}` : JSON.stringify(status);
    if (key === this.lastStatus && sameEntry(this.stored, this.lastStored)) return;
    this.lastStatus = key;
    this.lastStored = this.stored;
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function parseStored(text: string | undefined): StoredCredentials | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<StoredCredentials>;
    if (typeof value.origin === 'string' && typeof value.accessKey === 'string' && typeof value.secretKey === 'string' && value.accessKey && value.secretKey) {
      return { origin: value.origin, accessKey: value.accessKey, secretKey: value.secretKey, ...(value.clearTextConfirmed === true && { clearTextConfirmed: true }) };
    }
  } catch {
    // fall through: an unreadable entry is no sign-in
  }
  return undefined;
}

function sameEntry(a: StoredCredentials | undefined, b: StoredCredentials | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.origin === b.origin && a.accessKey === b.accessKey && a.secretKey === b.secretKey && a.clearTextConfirmed === b.clearTextConfirmed);
}

function storageError(action: 'read' | 'write' | 'delete', error: unknown): ApiError {
  const reason = error instanceof Error ? error.message : String(error);
  const message =
    action === 'read' ? l10n.t("VS Code's secret storage could not be read ({0}). On Linux, a keyring (such as GNOME Keyring) must be running and unlocked.", reason)
      : action === 'write' ? l10n.t("VS Code could not keep the secret key in its secret storage ({0}). On Linux, a keyring (such as GNOME Keyring) must be running. The previous sign-in is unchanged.", reason)
        : l10n.t("VS Code's secret storage could not remove the secret key ({0}). You are still signed in; try again.", reason);
  return new ApiError('secretStorage', message);
}
