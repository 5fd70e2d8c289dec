/** Signing in and out: keys are checked with the server before anything is stored. */
import { Credentials, TokenSource } from '../api/tokens';
import { CredentialStore } from './credentials';

export class Account {
  constructor(
    private readonly tokens: TokenSource,
    private readonly store: CredentialStore,
  ) {}

  /** Checks the keys at v1/auth, then stores them; wrong keys leave the previous sign-in as it was. */
  async signIn(credentials: Credentials): Promise<void> {
    await this.tokens.signIn(credentials);
    await this.store.save(credentials);
  }

  async signOut(): Promise<void> {
    this.tokens.reset();
    await this.store.clear();
  }
}
