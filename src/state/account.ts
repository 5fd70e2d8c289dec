/** Signing in and out: keys are checked with the server before anything is stored. */
import { type BoundCredentials } from '../api/tokens';
import { type CredentialStore } from './credentials';

/** What signing in needs of the token source (TokenSource fits). */
export interface TokenGate {
  /** Trades the keys for a token at v1/auth of their API URL; throws if they are refused. */
  signIn(credentials: BoundCredentials): Promise<unknown>;
  /** Forgets the token: it belonged to other keys. */
  reset(): void;
}

export class Account {
  constructor(
    private readonly tokens: TokenGate,
    private readonly store: Pick<CredentialStore, 'save' | 'clear'>,
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
