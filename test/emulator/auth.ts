/**
 * Sign-in and token checks: the emulator's half of the S-Connector auth model.
 *
 * v1/auth trades the access key + secret key for an HS256 JWT, and every other call carries that
 * token in `s-connector-jwt`. Tokens are signed with a random server-side secret (never the user's
 * secret key, which only the service and the user know). Changing the secret key models keys rotated
 * or revoked: the signing secret is replaced as well, so every token issued before stops working,
 * and such tokens are recognised (by the retired secret) to answer with a precise message.
 */
import * as crypto from 'node:crypto';
import { SAMPLE_ACCESS_KEY, TOKEN_DOMAIN, TOKEN_ID } from './data';
import { signJwt, verifyJwt, type JwtPayload } from './jwt';

export type TokenCheck = { ok: true; payload: JwtPayload } | { ok: false; message: string };

/** Retired signing secrets remembered to tell "revoked" from "forged"; older ones just count as bad signatures. */
const MAX_RETIRED = 8;

export class Auth {
  private signingSecret = crypto.randomBytes(32);
  private readonly retired: Buffer[] = [];

  constructor(
    private secretKey: string,
    private readonly now: () => number,
    readonly accessKey: string = SAMPLE_ACCESS_KEY,
  ) {}

  /** Switches to a new secret key; if it differs, every token issued so far is revoked. */
  setSecretKey(secretKey: string): void {
    if (secretKey === this.secretKey) {
      return;
    }
    this.secretKey = secretKey;
    this.retired.unshift(this.signingSecret);
    this.retired.length = Math.min(this.retired.length, MAX_RETIRED);
    this.signingSecret = crypto.randomBytes(32);
  }

  /** Compares in constant time (hashing first makes the lengths equal), as a real server should. */
  keysMatch(accessKey: string, secretKey: string): boolean {
    return safeEqual(accessKey, this.accessKey) && safeEqual(secretKey, this.secretKey);
  }

  /** Issues a token living `lifetimeSeconds` from now. */
  issue(lifetimeSeconds: number, isOwner: boolean): string {
    const iat = Math.floor(this.now() / 1000);
    const payload: JwtPayload = { id: TOKEN_ID, domain: TOKEN_DOMAIN, accessKey: this.accessKey };
    if (isOwner) {
      payload.isOwner = true;
    }
    payload.iat = iat;
    payload.exp = iat + Math.round(lifetimeSeconds);
    return signJwt(payload, this.signingSecret);
  }

  /** Checks the value of an `s-connector-jwt` header. Messages never contain the token itself. */
  check(header: string | string[] | undefined): TokenCheck {
    if (header === undefined || header === '') {
      return { ok: false, message: 'missing s-connector-jwt header' };
    }
    if (Array.isArray(header)) {
      return { ok: false, message: 'more than one s-connector-jwt header' };
    }
    const token = header.trim();
    const result = verifyJwt(token, this.signingSecret);
    if (!result.ok) {
      if (result.reason === 'malformed') {
        return { ok: false, message: 'malformed token' };
      }
      if (this.retired.some((secret) => verifyJwt(token, secret).ok)) {
        return { ok: false, message: 'token revoked: the keys were changed' };
      }
      return { ok: false, message: 'invalid token signature' };
    }
    const exp = result.payload.exp;
    if (typeof exp !== 'number' || this.now() >= exp * 1000) {
      return { ok: false, message: 'token expired' };
    }
    return result;
  }
}

function safeEqual(a: string, b: string): boolean {
  const hash = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest();
  return crypto.timingSafeEqual(hash(a), hash(b));
}
