/**
 * Where the keys live: the access key in the `sconnector.accessKey` setting, the secret key in
 * VS Code's SecretStorage and nowhere else. Fires `onDidChange` when the pair changes, whether in
 * this window or another (SecretStorage events are repeated across windows, and may come twice:
 * only a real change of the pair is passed on).
 */
import * as vscode from 'vscode';
import { Credentials } from '../api/tokens';
import { readSettings, SECTION, writeAccessKey } from './settings';

export const SECRET_KEY_ID = 'sconnector.secretKey';

export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private secretKey: string | undefined;
  private accessKey: string;
  private loading: Promise<void>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.accessKey = readSettings().accessKey;
    this.loading = this.reloadSecret();
    this.subscriptions = [
      this.changed,
      secrets.onDidChange((event) => {
        if (event.key === SECRET_KEY_ID) this.loading = this.reloadSecret();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${SECTION}.accessKey`)) return;
        const accessKey = readSettings().accessKey;
        if (accessKey === this.accessKey) return;
        this.accessKey = accessKey;
        this.changed.fire();
      }),
    ];
  }

  /** The pair, or undefined while either key is missing. */
  async get(): Promise<Credentials | undefined> {
    await this.loading;
    return this.accessKey && this.secretKey ? { accessKey: this.accessKey, secretKey: this.secretKey } : undefined;
  }

  /** Whether a secret key is stored (for Sign Out), once loaded. */
  async hasSecret(): Promise<boolean> {
    await this.loading;
    return this.secretKey !== undefined;
  }

  /**
   * Stores keys that v1/auth has already accepted, as one change: listeners never see the new
   * secret key paired with the old access key.
   */
  async save(credentials: Credentials): Promise<void> {
    const before = { secretKey: this.secretKey, accessKey: this.accessKey };
    // Known before the writes, so that the change events they cause are recognised as ours.
    this.secretKey = credentials.secretKey;
    this.accessKey = credentials.accessKey;
    try {
      await this.secrets.store(SECRET_KEY_ID, credentials.secretKey);
      if (readSettings().accessKey !== credentials.accessKey) await writeAccessKey(credentials.accessKey);
    } catch (error) {
      this.secretKey = before.secretKey;
      this.accessKey = before.accessKey;
      throw error;
    }
    this.changed.fire();
  }

  /** Forgets the secret key; the access key stays as a convenience for the next sign-in. */
  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY_ID);
    this.setSecret(undefined);
  }

  private async reloadSecret(): Promise<void> {
    let secret: string | undefined;
    try {
      secret = (await this.secrets.get(SECRET_KEY_ID)) || undefined;
    } catch {
      secret = undefined; // an unavailable keyring reads as "not signed in"; Sign In says why if storing fails
    }
    this.setSecret(secret);
  }

  private setSecret(secret: string | undefined): void {
    if (secret === this.secretKey) return;
    this.secretKey = secret;
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
