/**
 * `npm run emulator`: runs the S-Connector API emulator until Ctrl+C.
 *
 * The banner prints the document's sample keys in full: they are the public sample from the API
 * document, not real credentials, and a developer needs them to sign in. Nothing else secret is
 * ever printed: request lines show method, path, status and time only, never headers or bodies.
 */
import { DEFAULT_CLI_PORT, parseCliArgs, USAGE } from './cliArgs';
import { extraLicenseKeys } from './extraLicenses';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator, type Emulator, type EmulatorOptions, type RequestLogEntry } from './server';

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command.kind === 'error') {
    process.stderr.write(`emulator: ${command.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { options, quiet } = command;
  const port = options.port ?? DEFAULT_CLI_PORT;
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ ...options, onRequest: quiet ? undefined : logRequest });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const host = options.host ?? '127.0.0.1';
    const message =
      code === 'EADDRINUSE' ? `port ${port} is in use; pass --port`
      : code === 'EACCES' ? `not allowed to listen on port ${port}; pass --port with a port above 1023`
      : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `cannot listen on host ${host}; pass --host`
      : `cannot start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`emulator: ${message}\n`);
    process.exitCode = 1;
    return;
  }

  process.stdout.write(banner(emulator.url, emulator.sinkUrl, options));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the emulator\n`);
    // If something still holds the event loop after close, do not leave a zombie emulator behind.
    setTimeout(() => process.exit(1), 3000).unref();
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function banner(url: string, sinkUrl: string, options: EmulatorOptions): string {
  const rooms = (options.rooms ?? 5) + 2;
  const records = (options.records ?? 2000) + 4;
  const tick = options.tickMs ? `rooms change every ${options.tickMs / 1000} s` : 'rooms frozen';
  const authBody = JSON.stringify({ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, expires: 60 });
  return `S-Connector API emulator listening on ${url}
  seed ${options.seed ?? 1}, ${rooms} live rooms (license limit ${options.roomLimit ?? 10}), ${records} usage records, shape ${options.shape ?? 'short'}, ${tick}

Sign in with the API document's public sample keys (not real credentials):
  access key: ${DEMO_ACCESS_KEY}
  secret key: ${DEMO_SECRET_KEY}

  curl -s -X POST '${url}/v1/auth' -H 'Content-Type: application/json' -d '${authBody}'
${extraLines(options.extraLicenses ?? 0)}
then send the accessToken in the s-connector-jwt header:
  curl -s '${url}/v1/sessions' -H 's-connector-jwt: <accessToken>'
  (also GET /v1/info, /v1/sessions/<encoded room name>, /v1/static?startTime=2021-02-20&endTime=2021-02-25)

Control API (test tooling, no auth):
  POST   ${url}/__emulator/faults   {"type":"status","status":503,"path":"/v1/sessions","times":1}
  DELETE ${url}/__emulator/faults
  POST   ${url}/__emulator/reset
  GET    ${url}/__emulator/stats     DELETE to clear
  GET    ${url}/__emulator/data
  PUT    ${url}/__emulator/rooms    [raw room objects served verbatim]
  POST   ${url}/__emulator/tick     {"times":1}
  PATCH  ${url}/__emulator/config   {"shape":"rich","roomLimit":3,"secretKey":"..."}
  GET    ${url}/__emulator/sink     what reached the redirect sink; DELETE to clear

Redirect sink (another origin, where {"type":"redirect","status":307} faults send clients): ${sinkUrl}

Press Ctrl+C to stop.
`;
}

function logRequest(entry: RequestLogEntry): void {
  const time = new Date().toISOString().slice(11, 19);
  const status = entry.status === 0 ? 'no answer' : String(entry.status);
  process.stdout.write(`${time} ${entry.method} ${entry.path} ${status} ${entry.ms} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

/** The extra licenses' keys, for a developer to add them beside the sample one. */
function extraLines(count: number): string {
  if (count === 0) return '';
  const lines = Array.from({ length: count }, (_, i) => {
    const keys = extraLicenseKeys(i + 1);
    return `  ${keys.domain} (limit ${keys.roomLimit}): access key ${keys.accessKey}, secret key ${keys.secretKey}`;
  });
  return `\n${count} more license(s), each with its own rooms and usage, at the same URL:\n${lines.join('\n')}\n`;
}
