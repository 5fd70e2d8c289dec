/**
 * The one way this extension talks HTTP: node-fetch with a timeout on every request, bounded
 * retries with backoff for idempotent GETs, and every failure turned into an ApiError.
 * It knows the S-Connector envelope (`{status, data, message}`) and nothing about endpoints.
 */
import * as l10n from '@vscode/l10n';
import type { RequestInit, Response } from 'node-fetch';
import type * as NodeFetchModule from './nodeFetch';

type NodeFetch = typeof NodeFetchModule;
let nodeFetch: NodeFetch | undefined;
/** node-fetch, loaded on the first request (esbuild makes this dist/fetch.js: see esbuild.js). */
async function loadFetch(): Promise<NodeFetch> {
  return (nodeFetch ??= await import('./nodeFetch.js'));
}
import { parseApiUrl } from './apiUrl';
import { ApiError, type ApiErrorKind, cleanServerText } from './errors';

export interface HttpSettings {
  /** Per attempt, covering connect, headers and body. */
  readonly timeoutMs: number;
  /** Extra attempts for GETs after a network error, 5xx or 429. */
  readonly maxRetries: number;
  /** First backoff delay; it doubles for each further retry, with jitter. */
  readonly retryBaseDelayMs: number;
  /** A Retry-After longer than this is not waited out inside one call: the caller hears about it. */
  readonly maxRetryWaitMs: number;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  timeoutMs: 15_000,
  maxRetries: 2,
  retryBaseDelayMs: 400,
  maxRetryWaitMs: 10_000,
};

export interface ApiRequest {
  /**
   * Base URL of the API, e.g. https://api.interwater.biz (a path prefix is kept). Each request names
   * its own: a key or token goes to the origin it belongs to, whatever the settings say meanwhile.
   */
  readonly baseUrl: string;
  readonly method: 'GET' | 'POST';
  /** Relative to the base URL, already encoded, e.g. `v1/sessions/${encodeURIComponent(name)}`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** Sent in the `s-connector-jwt` header. */
  readonly token?: string;
  /** Credentials in play, scrubbed from anything this request puts into an error message. */
  readonly secrets?: readonly string[];
  /** Cancels the request and the reading of its body (then it throws a `cancelled` ApiError). */
  readonly signal?: AbortSignal;
  /** Told when the answer's first and last bytes came (performance.now()), for the report's timing. */
  readonly onTiming?: (timing: RequestTiming) => void;
  /**
   * Told, for a successful answer read as it arrives, how many bytes have come and how many the
   * server said it would send (its Content-Length, when it gave one that is a plain number).
   */
  readonly onProgress?: (progress: BodyProgress) => void;
}

export interface BodyProgress {
  readonly bytes: number;
  readonly totalBytes?: number;
}

export interface RequestTiming {
  readonly sent: number;
  /** The status line and headers are in. */
  readonly firstByte: number;
  /** The last byte of the body is in. */
  readonly lastByte: number;
  /** The body is parsed (for a streamed body: its last records read and checked). */
  readonly parsed: number;
}

/**
 * Reads a successful answer's body as its bytes arrive, instead of as one text at the end (the
 * usage report's 100,000 records: see api/usageStream.ts). `finish` gives the body parsed as
 * JSON, or `{ ok: false }` when it is not JSON, with what the reader kept aside.
 */
export interface BodyReader<T> {
  push(chunk: Uint8Array): void;
  finish(): Promise<{ readonly json: ParsedJson; readonly kept: T }>;
  /** The body will not be finished (an error, a cancel): let go of what was read. */
  drop(): void;
}

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** What the log gets of each attempt: never headers, bodies, keys or tokens. */
export interface RequestRecord {
  readonly method: string;
  /** Path and query as sent, without the host. */
  readonly path: string;
  readonly attempt: number;
  readonly durationMs: number;
  readonly status?: number;
  readonly error?: ApiErrorKind;
}

/** Largest body we read; far above 100,000 usage records, far below what would hurt the extension host. */
const MAX_BODY_BYTES = 128 * 1024 * 1024;

/**
 * The longest Retry-After we honour. A server may ask for more (or send a date weeks ahead); past
 * 2^31 ms a timer fires at once, which would turn "wait a month" into a request storm.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export class HttpTransport {
  private started = 0;

  constructor(
    private readonly settings: () => HttpSettings,
    private readonly onRecord: (record: RequestRecord) => void = () => undefined,
  ) {}

  /** How many attempts have gone out so far (activation checks it is still 0 when it returns). */
  get requestsStarted(): number {
    return this.started;
  }

  /** Sends the request and returns the envelope's `data`; throws ApiError for everything else. */
  async send(request: ApiRequest): Promise<unknown> {
    return (await this.sendReading(request, undefined)).data;
  }

  /**
   * Sends the request and has a successful answer's body read by a fresh `reader()` as it
   * arrives; returns the envelope's `data` and what the reader kept aside.
   */
  async sendReading<T>(request: ApiRequest, reader: (() => BodyReader<T>) | undefined): Promise<{ data: unknown; kept: T | undefined }> {
    const settings = this.settings();
    const url = endpointUrl(request.baseUrl, request.path, request.query);
    const attempts = request.method === 'GET' ? 1 + Math.max(0, settings.maxRetries) : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(url, request, settings, attempt, reader);
      } catch (error) {
        if (!(error instanceof ApiError) || attempt >= attempts || !worthRetrying(error)) throw error;
        const wait = error.detail.retryAfterMs ?? backoffDelay(settings.retryBaseDelayMs, attempt);
        if (wait > settings.maxRetryWaitMs) throw error;
        await sleep(wait);
        if (request.signal?.aborted) throw cancelledError(url.host);
      }
    }
  }

  private async attempt<T>(url: URL, request: ApiRequest, settings: HttpSettings, attempt: number, reader: (() => BodyReader<T>) | undefined): Promise<{ data: unknown; kept: T | undefined }> {
    this.started++;
    const started = performance.now();
    const record = (outcome: { status?: number; error?: ApiErrorKind }) =>
      this.onRecord({ method: request.method, path: url.pathname + url.search, attempt, durationMs: performance.now() - started, ...outcome });
    let status: number | undefined;
    try {
      const { response, json, kept } = await fetchBody(url, request, settings.timeoutMs, reader);
      status = response.status;
      refuseRedirect(response, url);
      // Stryker disable next-line ArrayDeclaration: equivalent, an extra secret that never occurs in a message changes nothing
      const data = readEnvelope(response, json, url.host, request.secrets ?? []);
      record({ status });
      return { data, kept };
    } catch (error) {
      // Defensive: everything above throws ApiError; a bug of ours must still read as a sentence.
      // Stryker disable next-line StringLiteral: unreachable from outside, see above
      const apiError = error instanceof ApiError ? error : new ApiError('unexpectedResponse', l10n.t('Unexpected failure talking to {0}.', url.host));
      record({ status, error: apiError.kind });
      throw apiError;
    }
  }
}

/** Resolves `path` against the base URL, keeping any path prefix the base has. */
export function endpointUrl(baseUrl: string, path: string, query: ApiRequest['query'] = {}): URL {
  const url = new URL(path, parseApiUrl(baseUrl));
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}

async function fetchBody<T>(url: URL, request: ApiRequest, timeoutMs: number, reader: (() => BodyReader<T>) | undefined): Promise<{ response: Response; json: ParsedJson; kept: T | undefined }> {
  // Aborts the request, and the reading of its body, after timeoutMs (its timer needs no clearing),
  // or when the caller cancels.
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.token !== undefined) headers['s-connector-jwt'] = request.token;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const { fetch } = await loadFetch();
  const sent = performance.now();
  let reading: BodyReader<T> | undefined;
  try {
    const response = await fetch(url.href, {
      method: request.method,
      headers,
      // Stryker disable next-line ConditionalExpression: equivalent, JSON.stringify(undefined) is undefined too
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // node-fetch@2 types its own AbortSignal; Node's is the same at run time.
      signal: signal as unknown as RequestInit['signal'],
      size: MAX_BODY_BYTES,
      // Never followed: node-fetch would re-send a POST body (the secret key) after a 307/308, and the
      // token header after any redirect, to whatever origin the Location names.
      redirect: 'manual',
    });
    const firstByte = performance.now();
    // Only a successful answer is streamed; errors and redirects are short and read as text.
    if (reader && response.status >= 200 && response.status < 300) {
      const declared = declaredLength(response.headers.get('content-length'));
      // An answer said to be larger than the cap is refused before a byte of it is read (compressed,
      // it would be larger still once read).
      if (declared !== undefined && declared > MAX_BODY_BYTES) throw tooLargeError(url.host);
      // The bytes read are the decompressed ones: a compressed length is no total for them.
      const encoding = response.headers.get('content-encoding');
      const totalBytes = encoding === null || encoding === 'identity' ? declared : undefined;
      reading = reader();
      let bytes = 0;
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (bytes > MAX_BODY_BYTES) throw tooLargeError(url.host);
        reading.push(chunk);
        request.onProgress?.({ bytes, ...(totalBytes !== undefined && { totalBytes }) });
      }
      const lastByte = performance.now();
      const { json, kept } = await reading.finish();
      request.onTiming?.({ sent, firstByte, lastByte, parsed: performance.now() });
      return { response, json, kept };
    }
    const text = await response.text(); // still under the timeout: a server that stalls mid-body times out too
    const lastByte = performance.now();
    const json = parseJson(text);
    request.onTiming?.({ sent, firstByte, lastByte, parsed: performance.now() });
    return { response, json, kept: undefined };
  } catch (error) {
    reading?.drop();
    if (error instanceof ApiError) throw error;
    if (request.signal?.aborted) throw cancelledError(url.host);
    throw networkError(error, url.host, timeoutMs, timeout.aborted);
  }
}

/** The caller cancelled (another range was asked for, the report was closed): nobody waits for this answer. */
function cancelledError(host: string): ApiError {
  return new ApiError('cancelled', l10n.t('The request to {0} was cancelled.', host));
}

/** The most the extension reads of one answer, in MB. */
export const MAX_ANSWER_MB = MAX_BODY_BYTES / 1024 / 1024;

function tooLargeError(host: string): ApiError {
  return new ApiError('tooLarge', l10n.t('The S-Connector server at {0} sent an answer larger than {1} MB; it was not read.', host, MAX_ANSWER_MB));
}

/** A Content-Length that is a plain decimal number (a server may send anything); undefined otherwise. */
function declaredLength(header: string | null): number | undefined {
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

function networkError(error: unknown, host: string, timeoutMs: number, timedOut: boolean): ApiError {
  if (timedOut) {
    return new ApiError('timeout', l10n.t('The S-Connector server at {0} did not answer within {1}. It may be overloaded, or the network is slow; it will be tried again.', host, formatSeconds(timeoutMs)));
  }
  // Stryker disable next-line LogicalOperator: equivalent for node-fetch 2, which sets code and errno alike
  const FetchError = nodeFetch?.FetchError; // loaded: a request was sent
  const code = FetchError && error instanceof FetchError ? (error.code ?? error.errno) : (error as NodeJS.ErrnoException | undefined)?.code;
  const type = FetchError && error instanceof FetchError ? error.type : undefined;
  // Stryker disable next-line StringLiteral: killed by the 128 MB test in transport.test.ts (checked by hand); Stryker's per-test coverage does not see that test pass here
  if (type === 'max-size') return tooLargeError(host);
  return new ApiError('unreachable', unreachableMessage(host, String(code ?? '')));
}

/** Why a connection failed, as one whole sentence per cause (so each translates as a sentence). */
export function unreachableMessage(host: string, code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('Cannot reach the S-Connector server at {0}: the connection was refused. Check the API URL and that the server is running.', host);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t('Cannot reach the S-Connector server at {0}: its name could not be resolved. Check the API URL and your network connection.', host);
    case 'ECONNRESET':
    case 'EPIPE':
      return l10n.t('Cannot reach the S-Connector server at {0}: the connection was closed before an answer came.', host);
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return l10n.t('Cannot reach the S-Connector server at {0}: the network could not reach it. Check your connection or proxy settings.', host);
    default:
      if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
        return l10n.t('Cannot reach the S-Connector server at {0}: its TLS certificate is not trusted ({1}).', host, code);
      }
      return code
        ? l10n.t('Cannot reach the S-Connector server at {0}: the connection failed ({1}).', host, code)
        : l10n.t('Cannot reach the S-Connector server at {0}: the connection failed.', host);
  }
}

/**
 * A redirect is an error in words: following it would carry the key or the token to an address
 * the user never chose. If the new address is right, the user can set it as the API URL.
 */
function refuseRedirect(response: Response, url: URL): void {
  if (response.status < 300 || response.status > 399) return;
  const location = response.headers.get('location');
  if (location === null) return; // not a redirect (e.g. 304): handled as an unexpected status
  let target: string;
  try {
    const resolved = new URL(location, url);
    target = resolved.origin + resolved.pathname; // no user name, password or query from the server
  } catch {
    target = location;
  }
  throw new ApiError(
    'redirected',
    l10n.t('The server at {0} answered with a redirect to {1}. S-Connector does not follow redirects with your keys; if {1} is the right address, set it as the API URL.', url.origin, cleanServerText(target)),
    { status: response.status },
  );
}

function readEnvelope(response: Response, json: ParsedJson, host: string, secrets: readonly string[]): unknown {
  const serverMessage = json.ok ? messageIn(json.value, secrets) : undefined;
  // Stryker disable next-line ConditionalExpression: equivalent, fetch never resolves with a 1xx status
  if (response.status < 200 || response.status >= 300) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new ApiError('httpStatus', describeStatus(response.status, host, serverMessage, retryAfterMs), {
      status: response.status,
      ...(serverMessage !== undefined && { serverMessage }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }
  if (!json.ok) {
    const type = response.headers.get('content-type')?.split(';')[0] || l10n.t('no content type');
    throw new ApiError('unexpectedResponse', l10n.t('The S-Connector server at {0} answered with something that is not JSON ({1}). A proxy or gateway may be in the way; check the API URL.', host, type));
  }
  const envelope = json.value;
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw new ApiError('unexpectedResponse', l10n.t('The S-Connector server at {0} answered in a form this extension does not understand.', host));
  }
  const { status, data } = envelope as { status?: unknown; data?: unknown };
  if (status === false) {
    throw new ApiError(
      'refused',
      serverMessage ? l10n.t('The S-Connector server refused the request: {0}', serverMessage) : l10n.t('The S-Connector server refused the request without saying why.'),
      serverMessage !== undefined ? { serverMessage } : {},
    );
  }
  if (data === undefined) {
    throw new ApiError('unexpectedResponse', l10n.t('The S-Connector server at {0} answered without any data.', host));
  }
  return data;
}

function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function messageIn(value: unknown, secrets: readonly string[]): string | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent, a number or string has no message field either
  if (typeof value !== 'object' || value === null) return undefined;
  const { message, error } = value as { message?: unknown; error?: unknown };
  const text = typeof message === 'string' ? message : typeof error === 'string' ? error : undefined;
  if (!text) return undefined;
  const cleaned = cleanServerText(redact(text, secrets));
  return cleaned || undefined;
}

/** Replaces every occurrence of a credential, in case a server echoes one back in its message. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('•••');
  }
  return result;
}

function describeStatus(status: number, host: string, serverMessage: string | undefined, retryAfterMs: number | undefined): string {
  // Sentences, each translated whole, joined by a space.
  const sentences: string[] = [];
  if (status === 401 || status === 403) sentences.push(l10n.t('The S-Connector server at {0} did not accept the sign-in (HTTP {1}).', host, status));
  else if (status === 404) sentences.push(l10n.t('The S-Connector server at {0} does not know this address (HTTP 404).', host));
  else if (status === 429) {
    sentences.push(
      l10n.t('The S-Connector server at {0} is receiving too many requests (HTTP 429).', host),
      retryAfterMs !== undefined ? l10n.t('Try again in {0}.', formatSeconds(retryAfterMs)) : l10n.t('Try again shortly.'),
    );
  } else if (status >= 500) sentences.push(l10n.t('The S-Connector server at {0} has a problem (HTTP {1}); it will be tried again.', host, status));
  else sentences.push(l10n.t('The S-Connector server at {0} rejected the request (HTTP {1}).', host, status));
  if (serverMessage) sentences.push(l10n.t('The server said: {0}', serverMessage));
  return sentences.join(' ');
}

/**
 * Retry-After is either seconds or an HTTP date (which starts with a day name, e.g. "Sun, 06 Nov
 * 1994 08:49:37 GMT"), capped at MAX_RETRY_AFTER_MS; anything else is ignored. Date.parse alone
 * would take "-5" for the year 5 BC.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Number(trimmed) * 1000);
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}

function worthRetrying(error: ApiError): boolean {
  // A timeout already cost the user the whole timeout; retrying it would multiply the wait.
  if (error.kind === 'unreachable') return true;
  // Stryker disable next-line ConditionalExpression: equivalent, only httpStatus errors carry a status
  if (error.kind !== 'httpStatus') return false;
  const status = error.detail.status ?? 0;
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients do not retry in lockstep. */
export function backoffDelay(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** (attempt - 1);
  return ceiling / 2 + random() * (ceiling / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatSeconds(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', seconds);
}
