/**
 * Command-line flags of `npm run emulator`, parsed apart from main.ts so they can be unit-tested
 * without starting anything. Both `--flag value` and `--flag=value` work.
 */
import type { EmulatorOptions } from './server';

export const DEFAULT_CLI_PORT = 5000; // the document's own local sample uses http://localhost:5000
export const DEFAULT_CLI_TICK_SECONDS = 5; // so a demo shows rooms changing
export const DEFAULT_CLI_EXTRA_LICENSES = 2; // so a demo can show several licenses side by side

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; options: EmulatorOptions; quiet: boolean }
  | { kind: 'error'; message: string };

export const USAGE = `Usage: npm run emulator -- [options]

Runs a local emulator of the S-Connector HTTP API (development, demos, tests).

Options:
  --port <n>                     port to listen on (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --host <address>               address to listen on (default 127.0.0.1)
  --seed <n>                     seed for the generated data (default 1; same seed, same data)
  --rooms <n>                    generated live rooms besides the document's two samples (default 5)
  --records <n>                  generated usage records besides the document's four samples (default 2000)
  --room-limit <n>               license room limit (default 10)
  --extra-licenses <n>           licenses served besides the sample one, each with its own keys (default 2)
  --shape short|rich             JSON shape of v1/sessions (default short)
  --tick-seconds <s>             how often live rooms change by themselves; 0 = frozen (default ${DEFAULT_CLI_TICK_SECONDS})
  --latency <ms>                 delay added to every API answer (default 0)
  --token-lifetime-seconds <s>   token lifetime, overriding the "expires" asked at sign-in
  --quiet                        do not print one line per request
  --help                         show this help
`;

type Flag = 'port' | 'host' | 'seed' | 'rooms' | 'records' | 'room-limit' | 'extra-licenses' | 'shape' | 'tick-seconds' | 'latency' | 'token-lifetime-seconds';
const VALUE_FLAGS: readonly Flag[] = ['port', 'host', 'seed', 'rooms', 'records', 'room-limit', 'extra-licenses', 'shape', 'tick-seconds', 'latency', 'token-lifetime-seconds'];

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const values = new Map<Flag, string>();
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      return { kind: 'help' };
    }
    if (arg === '--quiet') {
      quiet = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    const flag = match?.[1] as Flag | undefined;
    if (!match || !flag || !VALUE_FLAGS.includes(flag)) {
      return { kind: 'error', message: `unknown option: ${arg}` };
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) {
      return { kind: 'error', message: `--${flag} needs a value` };
    }
    values.set(flag, value);
  }

  const options: EmulatorOptions = { port: DEFAULT_CLI_PORT, tickMs: DEFAULT_CLI_TICK_SECONDS * 1000, extraLicenses: DEFAULT_CLI_EXTRA_LICENSES };
  const integer = (flag: Flag, min: number, max = Number.MAX_SAFE_INTEGER): number | string => {
    const text = values.get(flag) as string;
    const n = Number(text);
    return /^-?\d+$/.test(text) && n >= min && n <= max ? n : `--${flag} must be an integer from ${min} to ${max}, not "${text}"`;
  };
  const numeric: [Flag, keyof EmulatorOptions, number, number?][] = [
    ['port', 'port', 0, 65535],
    ['seed', 'seed', -2147483648, 4294967295],
    ['rooms', 'rooms', 0],
    ['records', 'records', 0],
    ['room-limit', 'roomLimit', 0],
    ['extra-licenses', 'extraLicenses', 0, 50],
    ['latency', 'latencyMs', 0, 600_000],
    ['token-lifetime-seconds', 'tokenLifetimeSeconds', 0],
  ];
  for (const [flag, key, min, max] of numeric) {
    if (values.has(flag)) {
      const n = integer(flag, min, max);
      if (typeof n === 'string') {
        return { kind: 'error', message: n };
      }
      (options as Record<string, unknown>)[key] = n;
    }
  }
  if (values.has('host')) {
    options.host = values.get('host');
  }
  if (values.has('shape')) {
    const shape = values.get('shape');
    if (shape !== 'short' && shape !== 'rich') {
      return { kind: 'error', message: `--shape must be short or rich, not "${shape}"` };
    }
    options.shape = shape;
  }
  if (values.has('tick-seconds')) {
    const text = values.get('tick-seconds') as string;
    const seconds = Number(text);
    if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || (seconds > 0 && seconds < 0.01)) {
      return { kind: 'error', message: `--tick-seconds must be 0 (frozen) or at least 0.01, not "${text}"` };
    }
    options.tickMs = Math.round(seconds * 1000);
  }
  return { kind: 'run', options, quiet };
}
