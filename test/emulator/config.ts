/**
 * The emulator's options: defaults, checks, and the run-time config that `PATCH /__emulator/config`
 * may change. Bad values fail loudly (a test with a typo in its setup should not quietly get defaults).
 */
import { SAMPLE_SECRET_KEY } from './data';
import type { EmulatorConfig } from './types';
import type { EmulatorOptions } from './server';

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: number;
  rooms: number;
  records: number;
  extraLicenses: number;
  now: () => number;
  /** The config the emulator starts with and `reset` returns to. */
  config: EmulatorConfig;
}

/** The options this module reads (server.ts owns the public interface). */
export type OptionsInput = Omit<EmulatorOptions, 'onRequest'>;

export function resolveOptions(input: OptionsInput): ResolvedOptions {
  const check = (name: string, value: unknown, ok: boolean) => {
    if (!ok) {
      throw new TypeError(`emulator option ${name} is invalid: ${String(value)}`);
    }
  };
  const intAtLeast = (value: number, min: number) => Number.isInteger(value) && value >= min;
  const port = input.port ?? 0;
  check('port', port, intAtLeast(port, 0) && port <= 65535);
  const seed = input.seed ?? 1;
  check('seed', seed, Number.isInteger(seed));
  const rooms = input.rooms ?? 5;
  check('rooms', rooms, intAtLeast(rooms, 0));
  const records = input.records ?? 2000;
  check('records', records, intAtLeast(records, 0));
  const extraLicenses = input.extraLicenses ?? 0;
  check('extraLicenses', extraLicenses, intAtLeast(extraLicenses, 0) && extraLicenses <= 50);
  const config: EmulatorConfig = {
    shape: input.shape ?? 'short',
    roomLimit: input.roomLimit ?? 10,
    enabled: true,
    latencyMs: input.latencyMs ?? 0,
    tokenLifetimeSeconds: input.tokenLifetimeSeconds ?? null,
    secretKey: SAMPLE_SECRET_KEY,
    tickMs: input.tickMs ?? 0,
  };
  const problem = checkConfig(config);
  if (problem) {
    throw new TypeError(`emulator option ${problem}`);
  }
  const now = input.now ?? Date.now;
  check('now', now, typeof now === 'function');
  return { port, host: input.host ?? '127.0.0.1', seed, rooms, records, extraLicenses, now, config };
}

/** Parses a config patch that arrived as JSON; returns it, or the reason it is refused (for a 400). */
export function parseConfigPatch(input: unknown): Partial<EmulatorConfig> | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return 'config must be a JSON object';
  }
  const known: readonly string[] = ['shape', 'roomLimit', 'enabled', 'latencyMs', 'tokenLifetimeSeconds', 'secretKey', 'tickMs'];
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    return `unknown config key(s): ${unknown.join(', ')}`;
  }
  return checkConfig(input) ?? (input);
}

/** The first problem with the given config values, or undefined. */
function checkConfig(config: Partial<EmulatorConfig>): string | undefined {
  const has = (key: keyof EmulatorConfig) => key in config && config[key] !== undefined;
  const nonNegativeInt = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  if (has('shape') && config.shape !== 'short' && config.shape !== 'rich') {
    return 'shape must be "short" or "rich"';
  }
  if (has('roomLimit') && !nonNegativeInt(config.roomLimit)) {
    return 'roomLimit must be a non-negative integer';
  }
  if (has('enabled') && typeof config.enabled !== 'boolean') {
    return 'enabled must be true or false';
  }
  if (has('latencyMs') && !(nonNegativeInt(config.latencyMs) && (config.latencyMs as number) <= 600_000)) {
    return 'latencyMs must be an integer from 0 to 600000';
  }
  // 0 is allowed on purpose: it hands out tokens that are already expired, a state clients must survive.
  if (has('tokenLifetimeSeconds') && config.tokenLifetimeSeconds !== null && !nonNegativeInt(config.tokenLifetimeSeconds)) {
    return 'tokenLifetimeSeconds must be a non-negative integer or null';
  }
  if (has('secretKey') && (typeof config.secretKey !== 'string' || config.secretKey === '')) {
    return 'secretKey must be a non-empty string';
  }
  // A floor on the period keeps a typo (tickMs: 1) from turning the emulator into a busy loop.
  if (has('tickMs') && !(nonNegativeInt(config.tickMs) && (config.tickMs === 0 || (config.tickMs as number) >= 10))) {
    return 'tickMs must be 0 (frozen) or an integer of at least 10';
  }
  return undefined;
}
