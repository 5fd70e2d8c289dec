/** Builds the real API stack (transport, token source, client) against an emulator over real sockets. */
import { SConnectorClient } from '../../../src/api/client';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings, HttpTransport, type RequestRecord } from '../../../src/api/http';
import { type BoundCredentials, type Credentials, TokenSource } from '../../../src/api/tokens';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../../emulator/server';

export const demoCredentials: Credentials = { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY };

export interface Stack {
  readonly client: SConnectorClient;
  readonly tokens: TokenSource;
  readonly http: HttpTransport;
  /** Every attempt the transport reported, as the log would get it. */
  readonly records: RequestRecord[];
}

export interface StackOptions {
  /** Bound to the stack's base URL unless they name their own `apiUrl`. */
  readonly credentials?: Credentials | BoundCredentials | undefined;
  readonly http?: Partial<HttpSettings>;
  readonly lifetimeMinutes?: number;
  readonly now?: () => number;
}

export function makeStack(baseUrl: string, options: StackOptions = {}): Stack {
  const records: RequestRecord[] = [];
  const settings: HttpSettings = { ...DEFAULT_HTTP_SETTINGS, retryBaseDelayMs: 20, timeoutMs: 3_000, ...options.http };
  const http = new HttpTransport(() => settings, (record) => records.push(record));
  const given = 'credentials' in options ? options.credentials : demoCredentials;
  const credentials: BoundCredentials | undefined = given && { apiUrl: baseUrl, ...given };
  const tokens = new TokenSource(http, () => Promise.resolve(credentials), {
    lifetimeMinutes: () => options.lifetimeMinutes ?? 60,
    ...(options.now && { now: options.now }),
  });
  return { client: new SConnectorClient(http, tokens), tokens, http, records };
}

/** Awaits `promise`, expecting it to fail, and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, but the call succeeded');
}
