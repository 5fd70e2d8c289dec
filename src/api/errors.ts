/**
 * The few ways a call to S-Connector can fail, each with the sentence a person reads.
 * Views show `message` as it is; they branch on `kind`, never on the text.
 * No message ever contains a key or a token (see `redact` in http.ts).
 */
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
  /** The answer was not JSON, or not the shape the API documents. */
  | 'unexpectedResponse'
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

/** Longest server message we repeat to the user; a whole HTML error page is not a message. */
const MAX_SERVER_MESSAGE = 200;

/** Keeps a server-provided text printable and short, so it can go into a notification. */
export function cleanServerText(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SERVER_MESSAGE ? `${flat.slice(0, MAX_SERVER_MESSAGE - 1)}…` : flat;
}
