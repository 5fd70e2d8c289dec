/** Signing in and out: keys are checked with the server before anything is stored. */
import { type BoundCredentials, type TokenSource } from '../api/tokens';
import { type CredentialStore } from './credentials';

export class Account {
  constructor(
    private readonly tokens: TokenSource,
    private readonly store: CredentialStore,
  ) {}

  /**
   * Checks the keys at v1/auth of the API URL they were entered for, then stores them bound to that
   * origin; wrong keys leave the previous sign-in as it was.
   */
  async signIn(credentials: BoundCredentials): Promise<void> {
    await this.tokens.signIn(credentials);
    await this.store.save(credentials);
  }

  /** Forgets the keys, then the token; if secret storage cannot forget them, nothing changes (it throws). */
  async signOut(): Promise<void> {
    await this.store.clear();
    this.tokens.reset();
  }
}
