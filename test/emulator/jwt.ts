/**
 * HS256 JSON Web Tokens with node:crypto, for the emulator only.
 *
 * The real service signs its access tokens with HS256 (see the document's samples); the extension
 * reads `exp` without the secret to renew ahead of time, so the emulator's tokens must be real,
 * decodable JWTs. A dependency-free implementation keeps the emulator on Node built-ins.
 */
import * as crypto from 'node:crypto';

export type JwtPayload = Record<string, unknown>;

export type JwtCheck =
  | { ok: true; payload: JwtPayload }
  | { ok: false; reason: 'malformed' | 'signature' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function hmac(secret: Buffer, data: string): Buffer {
  return crypto.createHmac('sha256', secret).update(data).digest();
}

export function signJwt(payload: JwtPayload, secret: Buffer): string {
  const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
  return `${body}.${hmac(secret, body).toString('base64url')}`;
}

/**
 * Checks the form and the signature only; expiry is the caller's business because it depends on
 * the emulator's (possibly fake) clock.
 */
export function verifyJwt(token: string, secret: Buffer): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    return { ok: false, reason: 'malformed' };
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = parseJsonObject(Buffer.from(headerPart!, 'base64url').toString('utf8'));
  const payload = parseJsonObject(Buffer.from(payloadPart!, 'base64url').toString('utf8'));
  // Refusing anything but HS256 closes the classic "alg: none" hole, even in an emulator.
  if (!header || header.alg !== 'HS256' || !payload) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = hmac(secret, `${headerPart}.${payloadPart}`);
  const actual = Buffer.from(signaturePart!, 'base64url');
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) {
    return { ok: false, reason: 'signature' };
  }
  return { ok: true, payload };
}

/** Reads the payload without checking anything (for tests and the client's view of `exp`). */
export function decodeJwtPayload(token: string): JwtPayload | undefined {
  const payloadPart = token.split('.')[1];
  return payloadPart === undefined ? undefined : parseJsonObject(Buffer.from(payloadPart, 'base64url').toString('utf8'));
}

function parseJsonObject(text: string): JwtPayload | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JwtPayload) : undefined;
  } catch {
    return undefined;
  }
}
