/**
 * Owns the access token: signs in with the keys at v1/auth, reads the JWT's lifetime, reuses the
 * token until late in its life, renews ahead of time, and lets every concurrent caller share one
 * sign-in. The secret key goes no further than the body of v1/auth.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { originOf, sendsKeysInClear, tryParseApiUrl } from './apiUrl';
import { ApiError, isApiError } from './errors';
import { type HttpTransport } from './http';
import { parseAccessToken } from './schema';

export interface Credentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** A key pair with the API URL it was entered for: the only place it is ever sent. */
export interface BoundCredentials extends Credentials {
  readonly apiUrl: string;
  /** The user said yes, before any request, to sending the key over http:// to another machine. */
  readonly clearTextConfirmed?: boolean;
}

/** A token and the API URL that issued it: it is sent nowhere else. */
export interface Grant {
  readonly token: string;
  readonly baseUrl: string;
}

export interface TokenSourceOptions {
  /** Lifetime asked of the server, in minutes (`expires` in v1/auth). */
  readonly lifetimeMinutes: () => number;
  readonly now?: () => number;
}

interface HeldToken extends Grant {
  /** Whom it was issued to (see ownerOf): a token is never used for other keys or another API URL. */
  readonly owner: string;
  /** From here on, callers still get this token while a new one is fetched in the background. */
  readonly renewAt: number;
  /** From here on, callers wait for a new token: this one may expire in flight. */
  readonly replaceAt: number;
}

/** Renewal starts when this share of the lifetime has passed. */
const RENEW_AFTER_SHARE = 0.75;
/** A token is never sent when it has less than this left (capped at 10% of a short lifetime). */
const SAFETY_MARGIN_MS = 60_000;

/** A JWT's claims as its payload states them, or undefined when it has none that read as JSON. */
export function readJwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  // Stryker disable next-line ConditionalExpression: equivalent, decoding undefined throws and lands in the catch below
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `iat` and `exp` claims of a JWT, in milliseconds; the signature is the server's business. */
export function readJwtTimes(token: string): { issuedAt?: number; expiresAt?: number } {
  const claims = readJwtClaims(token) ?? {};
  const seconds = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined);
  const times: { issuedAt?: number; expiresAt?: number } = {};
  const issuedAt = seconds(claims.iat);
  const expiresAt = seconds(claims.exp);
  if (issuedAt !== undefined) times.issuedAt = issuedAt;
  if (expiresAt !== undefined) times.expiresAt = expiresAt;
  return times;
}

export class TokenSource {
  private held: HeldToken | undefined;
  private inFlight: Promise<Grant> | undefined;
  /** Bumped by reset(), so a sign-in that was under way when the keys changed is not kept. */
  private generation = 0;
  private readonly now: () => number;

  constructor(
    private readonly http: HttpTransport,
    private readonly credentials: () => Promise<BoundCredentials | undefined>,
    private readonly options: TokenSourceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A token that is good for a while yet; signs in only when needed, once for all concurrent callers. */
  async token(): Promise<Grant> {
    const credentials = await this.credentials();
    if (!credentials) throw notSignedIn();
    const held = this.held?.owner === ownerOf(credentials) ? this.held : undefined;
    const now = this.now();
    if (held && now < held.renewAt) return grantOf(held);
    if (held && now < held.replaceAt) {
      this.renew().catch(() => undefined); // failure surfaces to whoever needs the next token
      return grantOf(held);
    }
    return this.renew();
  }

  /** Signs in with the stored keys now, sharing a sign-in already under way. */
  renew(): Promise<Grant> {
    if (!this.inFlight) {
      const generation = this.generation;
      const attempt = this.credentials().then((credentials) => {
        if (!credentials) throw notSignedIn();
        return this.signIn(credentials, generation);
      });
      this.inFlight = attempt;
      const clear = () => {
        if (this.inFlight === attempt) this.inFlight = undefined;
      };
      attempt.then(clear, clear);
    }
    return this.inFlight;
  }

  /**
   * Checks a pair of keys at v1/auth and keeps the token it gets. The Sign In command calls this
   * before it stores anything, so wrong keys never replace good ones.
   */
  async signIn(credentials: BoundCredentials, generation = this.generation): Promise<Grant> {
    const askedAt = this.now();
    const grant: Grant = { token: await requestToken(this.http, credentials, { expiresMinutes: this.options.lifetimeMinutes() }), baseUrl: credentials.apiUrl };
    if (generation === this.generation) this.held = this.schedule(grant, ownerOf(credentials), askedAt);
    return grant;
  }

  /** Forgets `token` after the server refused it, unless a newer one has replaced it already. */
  discard(token: string): void {
    if (this.held?.token === token) this.held = undefined;
  }

  /** Forgets everything: the keys changed or the user signed out. */
  reset(): void {
    this.held = undefined;
    this.inFlight = undefined;
    // Stryker disable next-line UpdateOperator: equivalent, any change of the number marks older sign-ins
    this.generation++;
  }

  /**
   * Times the renewal on our own clock: the lifetime is `exp - iat` as the server states it,
   * counted from when we asked, so a server clock that is off does not matter.
   */
  private schedule(grant: Grant, owner: string, askedAt: number): HeldToken {
    const { issuedAt, expiresAt } = readJwtTimes(grant.token);
    const stated = issuedAt !== undefined && expiresAt !== undefined ? expiresAt - issuedAt : undefined;
    const lifetime = stated !== undefined && stated > 0 ? stated : this.options.lifetimeMinutes() * 60_000;
    const margin = Math.min(SAFETY_MARGIN_MS, lifetime * 0.1);
    return {
      ...grant,
      owner,
      // The margin is at most a tenth of the lifetime, so renewal at 75 % always comes before it.
      renewAt: askedAt + lifetime * RENEW_AFTER_SHARE,
      replaceAt: askedAt + lifetime - margin,
    };
  }
}

/**
 * Trades the keys for a token at v1/auth of their API URL, and nothing more: TokenSource keeps the
 * extension's own token; Create Access Token hands one to the user. Whatever path got here, no key
 * leaves in clear without a yes first, and a refusal says so without repeating the secret.
 */
export async function requestToken(http: HttpTransport, credentials: BoundCredentials, options: { readonly expiresMinutes: number; readonly isOwner?: boolean }): Promise<string> {
  if (!credentials.accessKey.trim() || !credentials.secretKey.trim()) {
    throw new ApiError('invalidInput', l10n.t('Both the access key and the secret key are needed to sign in.'));
  }
  if (sendsKeysInClear(credentials.apiUrl) && !credentials.clearTextConfirmed) {
    // Reads as signed out: the Sign In command asks before anything is sent.
    throw new ApiError('signedOut', l10n.t('The S-Connector API URL {0} uses http:// to another machine. The secret key is not sent there unencrypted unless you confirm it: run "S-Connector: Sign In" again.', originOf(credentials.apiUrl) ?? credentials.apiUrl));
  }
  let data: unknown;
  try {
    data = await http.send({
      baseUrl: credentials.apiUrl,
      method: 'POST',
      path: 'v1/auth',
      body: { accessKey: credentials.accessKey, secretKey: credentials.secretKey, expires: options.expiresMinutes, ...(options.isOwner !== undefined && { isOwner: options.isOwner }) },
      secrets: [credentials.secretKey],
    });
  } catch (error) {
    throw asWrongKeys(error, credentials.accessKey);
  }
  return parseAccessToken(data);
}

/**
 * Whom a token belongs to: the whole API URL (a path prefix included, so the token of
 * `https://h/a` never goes to `https://h/b`) and both keys. Hashed, so that the secret key is not
 * kept in memory a second time.
 */
function ownerOf(credentials: BoundCredentials): string {
  return createHash('sha256')
    // A bad URL is hashed as written: the sign-in reports it, and its token is never reused for a good one.
    .update(`${tryParseApiUrl(credentials.apiUrl)?.href ?? credentials.apiUrl}\u0000${credentials.accessKey}\u0000${credentials.secretKey}`)
    .digest('base64');
}

function grantOf(held: HeldToken): Grant {
  return { token: held.token, baseUrl: held.baseUrl };
}

function notSignedIn(): ApiError {
  return new ApiError('signedOut', l10n.t('Not signed in to S-Connector. Run "S-Connector: Sign In" with your access key and secret key.'));
}

function asWrongKeys(error: unknown, accessKey: string): unknown {
  // isApiError: Create Access Token runs this in a bundle of its own, with its own ApiError class.
  if (!isApiError(error)) return error;
  const rejected =
    error.kind === 'refused' ||
    (error.kind === 'httpStatus' && (error.detail.status === 400 || error.detail.status === 401 || error.detail.status === 403));
  if (!rejected) return error;
  const serverMessage = error.detail.serverMessage;
  return new ApiError(
    'wrongKeys',
    serverMessage
      ? l10n.t('S-Connector did not accept the access key "{0}" with that secret key (the server said: {1}). Check both keys and sign in again.', accessKey, serverMessage)
      : l10n.t('S-Connector did not accept the access key "{0}" with that secret key. Check both keys and sign in again.', accessKey),
    error.detail,
  );
}
