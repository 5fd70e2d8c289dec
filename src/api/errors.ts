/**
 * The few ways a call to S-Connector can fail, each with the sentence a person reads.
 * Views show `message` as it is; they branch on `kind`, never on the text.
 * No message ever contains a key or a token (see `redact` in http.ts).
 */
import { neutralise, shorten, unlink } from '../shared/serverText';

export type ApiErrorKind =
  /** No access key or secret key is stored yet. */
  | 'signedOut'
  /** v1/auth rejected the access key / secret key pair. */
  | 'wrongKeys'
  /** The server refused our token even after a fresh sign-in. */
  | 'tokenRejected'
  /** No connection could be made, or it broke before an answer came. */
  | 'unreachable'
  /** The server did not answer within the configured time. */
  | 'timeout'
  /** The server answered with an HTTP error status. */
  | 'httpStatus'
  /** The server answered 2xx but `status: false`. */
  | 'refused'
  /** The caller cancelled the request (another range was asked for, the report was closed). */
  | 'cancelled'
  /** The answer was not JSON, or not the shape the API documents. */
  | 'unexpectedResponse'
  /** The answer is larger than the most the extension reads (128 MB); it was not read. */
  | 'tooLarge'
  /** VS Code's secret storage could not be read, written or cleared (a missing or locked keyring). */
  | 'secretStorage'
  /** The server answered with a redirect, which is never followed with keys or tokens. */
  | 'redirected'
  /** What we were asked to send is not valid (API URL, dates). */
  | 'invalidInput';

export interface ApiErrorDetail {
  /** HTTP status, where the server sent one. */
  readonly status?: number;
  /** The server's own words (`message` in its JSON), already cleaned of secrets and control characters. */
  readonly serverMessage?: string;
  /** How long the server asked us to wait (429 Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly detail: ApiErrorDetail = {},
  ) {
    super(message);
  }

  /** True for failures that may pass by themselves: worth a retry later, and worth keeping old data for. */
  get transient(): boolean {
    switch (this.kind) {
      case 'unreachable':
      case 'timeout':
        return true;
      case 'httpStatus':
        return this.detail.status === 429 || (this.detail.status ?? 0) >= 500;
      default:
        return false;
    }
  }
}

/**
 * True for an ApiError, also one made by another copy of this module: the usage report is a bundle
 * of its own (loaded on first use), so `instanceof` cannot see the main bundle's errors there.
 */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (value instanceof Error && value.name === 'ApiError' && typeof (value as Partial<ApiError>).kind === 'string');
}

/** Longest server message we repeat to the user; a whole HTML error page is not a message. */
const MAX_SERVER_MESSAGE = 200;

/**
 * Keeps a server-provided text printable, short and inert, so it can go into a notification: line
 * breaks and other control characters become spaces, bidi formatting characters and lone surrogates
 * are neutralised, and Markdown link syntax is broken so that it never becomes a link or a command.
 */
export function cleanServerText(text: string): string {
  const flat = neutralise(text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ')).replace(/\s+/g, ' ').trim();
  return shorten(unlink(flat), MAX_SERVER_MESSAGE);
}
