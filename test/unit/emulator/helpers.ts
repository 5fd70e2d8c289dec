/**
 * Shared by the emulator's unit tests: start an emulator on an ephemeral port, sign in, call the API
 * over real sockets. Each test file starts and stops its own emulator(s).
 */
import { EmulatorControl } from '../../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';

/** A fixed clock for tests: 2024-06-01T12:00:00Z, far from the document's February 2021 sample. */
export const TEST_NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

export interface Running {
  emulator: Emulator;
  control: EmulatorControl;
  url: string;
}

export async function start(options: EmulatorOptions = {}): Promise<Running> {
  const emulator = await startEmulator({ now: () => TEST_NOW, ...options });
  return { emulator, control: new EmulatorControl(emulator.url), url: emulator.url };
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any; // tests read arbitrary shapes
}

/** Calls the API; `token` goes into the s-connector-jwt header. */
export async function call(url: string, path: string, init: { method?: string; token?: string; body?: unknown; rawBody?: string } = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers['s-connector-jwt'] = init.token;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(url + path, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function signIn(url: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(url, '/v1/auth', { method: 'POST', body: { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, ...extra } });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
  return answer.json.data.accessToken as string;
}

/** Reads a JWT's payload (the emulator's tokens are real HS256 JWTs). */
export function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/**
 * Registers the hooks a test file needs for one emulator: started and signed in once, reset before
 * each test, closed at the end. `ready` hands over the emulator and the token once signed in.
 */
export function useSignedInEmulator(ready: (run: Running, token: string) => void): void {
  let run: Running | undefined;
  before(async () => {
    run = await start();
    ready(run, await signIn(run.url));
  });
  after(async () => {
    await run?.emulator.close();
  });
  beforeEach(async () => {
    await run?.control.reset();
  });
}
