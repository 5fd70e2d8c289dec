/**
 * The licenses the emulator serves besides the document's sample one: each with its own key pair,
 * domain, room limit, live rooms and usage, so that a client holding several licenses can be tested
 * against one emulator. A token says which license it belongs to by the key that signed it.
 * They are fixed (their rooms do not tick) and generated from the seed like the main license's data.
 */
import { Auth } from './auth';
import { generateData } from './data';
import { LiveRooms } from './liveRooms';
import { deriveSeed, Random } from './random';
import { RoomFactory } from './roomFactory';
import type { License } from './types';
import { UsageLog } from './usageLog';

/** The keys and figures of extra license `n` (1, 2, …): public test values, not secrets. */
export function extraLicenseKeys(n: number): { accessKey: string; secretKey: string; domain: string; roomLimit: number } {
  return { accessKey: `extra${n}accesskey`, secretKey: `extra-license-${n}-secret-key`, domain: `customer${n}.example`, roomLimit: 4 + n };
}

export class ExtraLicense {
  readonly auth: Auth;
  readonly rooms: LiveRooms;
  readonly usage: UsageLog;
  readonly domain: string;
  readonly roomLimit: number;

  constructor(n: number, options: { seed: number; rooms: number; records: number; anchorMs: number; now: () => number }) {
    const keys = extraLicenseKeys(n);
    this.auth = new Auth(keys.secretKey, options.now, keys.accessKey);
    this.domain = keys.domain;
    this.roomLimit = keys.roomLimit;
    const seed = deriveSeed(options.seed, 100 + n);
    // Fewer rooms than the main license, and a different number each, so totals tell them apart.
    const initial = generateData({ seed, rooms: Math.max(1, Math.min(options.rooms, n + 1)), records: Math.round(options.records / (n + 1)), anchorMs: options.anchorMs, samples: false });
    const rng = new Random(deriveSeed(seed, 1));
    this.rooms = new LiveRooms(initial.rooms, new RoomFactory(rng, initial.ids), rng, initial.roomNamePool);
    this.usage = new UsageLog(initial.records);
  }

  license(): License {
    return { domain: this.domain, roomLimit: this.roomLimit, enabled: 1, createdAt: '2022-03-01T00:00:00.000Z' };
  }
}
