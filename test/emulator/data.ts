/**
 * The emulator's initial data: the document's samples verbatim, plus generated rooms and usage
 * records from a seed (same seed and anchor => same data).
 */
import { generateRoomName, HOSTILE_ROOM_NAMES, SAMPLE_ROOM_NAMES } from './names';
import { deriveSeed, Random } from './random';
import { RoomFactory, type IdCounters } from './roomFactory';
import type { License, LiveRoom, UsageRecord } from './types';
import { DAY_MS, isoSeconds } from './usageLog';

export const SAMPLE_ACCESS_KEY = 'foziz2mdywm';
/** The document's sample secret key, verbatim (266 characters). It is public, not a real credential. */
export const SAMPLE_SECRET_KEY =
  '5bfdabd106fbd8c7ac14935c4e3ce98c4a84c79de697a777809c533f3b9232d116b697bf682ea43fca3a88ee6da62fb14e0f9e7805cf54feb0d38451de24eb333b368b155199272a96289bb70b21fa80bf418af5defe54d771443b80e2fb70beaeba8c59c1aa07aa298ea16c6696f3fd876ae7339adb1c349d14668458651e2a78a7f9094ad52a2ad86b01';

/** Claims of the tokens v1/auth issues, as in the document's decoded sample token. */
export const TOKEN_ID = '3';
export const TOKEN_DOMAIN = 'https://readme.interwater.biz';
/** The `domain` v1/static reports. */
export const USAGE_DOMAIN = 'https://readme.interwater.biz';

/** v1/info's sample; roomLimit and enabled follow the emulator's config. */
export function license(roomLimit: number, enabled: boolean): License {
  return { domain: 'trial', roomLimit, enabled: enabled ? 1 : 0, createdAt: '2020-12-22T15:00:00.000Z' };
}

/** The document's v1/static sample: exactly what 2021-02-20..2021-02-25 must return (totalSecond 49951). */
export const SAMPLE_RECORDS: readonly UsageRecord[] = [
  { roomName: 'gsdagd', sessionTimeSecond: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
  { roomName: 'test', sessionTimeSecond: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
  { roomName: 'test', sessionTimeSecond: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
  { roomName: '12312', sessionTimeSecond: 610, createdAt: '2021-02-21T02:34:52.000Z' },
];

/**
 * A known concurrency pattern in the generated usage, for tests that read the peak off the page:
 * on the UTC day `daysBefore` days before the anchor, `rooms` meetings begin a minute apart from
 * `hourUtc`:00 and each lasts an hour, so that day's peak is exactly `rooms`, first reached at
 * `hourUtc`:(rooms - 1). No other record falls on that day, or runs into it.
 */
export const CONCURRENCY_BURST = { daysBefore: 2, rooms: 7, hourUtc: 9 } as const;

/** The burst's day (UTC midnight) and its records, for an anchor. */
export function burstRecords(anchorMs: number): { dayStartMs: number; records: UsageRecord[] } {
  const dayStartMs = Math.floor(anchorMs / DAY_MS) * DAY_MS - CONCURRENCY_BURST.daysBefore * DAY_MS;
  const first = dayStartMs + CONCURRENCY_BURST.hourUtc * 3_600_000;
  const records = Array.from({ length: CONCURRENCY_BURST.rooms }, (_, i) => ({ roomName: `burst-${i + 1}`, sessionTimeSecond: 3600, createdAt: isoSeconds(first + i * 60_000) }));
  return { dayStartMs, records };
}

/**
 * The generated records with the burst's day given to the burst alone: a meeting that would start
 * on it or run into it (none is over 4 hours) moves two days earlier. Oldest first.
 */
function withBurst(generated: readonly UsageRecord[], burst: { dayStartMs: number; records: readonly UsageRecord[] }): UsageRecord[] {
  const moved = generated.map((record) => {
    const at = Date.parse(record.createdAt);
    const touches = at + record.sessionTimeSecond * 1000 > burst.dayStartMs && at < burst.dayStartMs + DAY_MS;
    return touches ? { ...record, createdAt: isoSeconds(at - 2 * DAY_MS) } : record;
  });
  return [...moved, ...burst.records].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/** Generated records go this far back from the anchor. */
export const RECORD_SPAN_DAYS = 180;

/** Generated records must never land in the month of the document's sample, or its exact figures would change. */
const SAMPLE_MONTH_START = Date.UTC(2021, 1, 1);
const SAMPLE_MONTH_END = Date.UTC(2021, 2, 1);

export interface GenerateOptions {
  seed: number;
  rooms: number;
  records: number;
  /** "Now" when the emulator starts: live rooms opened before it, records end before it. */
  anchorMs: number;
  /**
   * The document's samples and the hostile names (default true). The extra licenses leave them out:
   * their rooms and usage are plainly their own.
   */
  samples?: boolean;
}

export interface InitialData {
  rooms: LiveRoom[];
  records: UsageRecord[];
  /** Names the simulation draws new rooms from (records reuse them too, so the same room recurs). */
  roomNamePool: string[];
  /** Where the simulation continues numbering rooms and participants. */
  ids: IdCounters;
}

export function generateData(options: GenerateOptions): InitialData {
  const { seed, anchorMs } = options;
  const samples = options.samples ?? true;
  const rng = new Random(deriveSeed(seed, 0));
  const factory = new RoomFactory(rng, { nextRoomId: 938, nextParticipantId: 1 });
  const taken = new Set<string>(SAMPLE_ROOM_NAMES);
  const hostile = samples ? HOSTILE_ROOM_NAMES : [];

  // The document's two live samples come first: gfds waiting with one user, gsdagd in a meeting of two.
  // gfds gets the earlier document's sample session id.
  const gfds = factory.room('gfds', 'WAIT', anchorMs - 3 * 60_000, 1, anchorMs, 'ses_ZB2Y3XJTyU');
  const gsdagd = factory.room('gsdagd', 'ON_GOING', anchorMs - 42 * 60_000, 2, anchorMs);
  const rooms: LiveRoom[] = samples ? [gfds, gsdagd] : [];

  for (let i = 0; i < options.rooms; i++) {
    let name: string;
    if (i < hostile.length) {
      name = hostile[i]!;
      taken.add(name);
    } else {
      name = generateRoomName(rng, taken);
    }
    // Mostly small meetings, a few big ones.
    const users = 1 + Math.floor(rng.next() ** 2 * 8);
    const status = users >= 2 || rng.chance(0.4) ? 'ON_GOING' : 'WAIT';
    const openedMs = anchorMs - rng.int(1, 180) * 60_000;
    rooms.push(factory.room(name, status, openedMs, users, anchorMs));
  }

  const roomNamePool = namePool(rng, rooms, taken, samples);
  // The burst takes the place of as many generated records, so that the count is still the one asked.
  const burst = samples && options.records >= CONCURRENCY_BURST.rooms ? burstRecords(anchorMs) : undefined;
  const generated = generateRecords(rng, options.records - (burst?.records.length ?? 0), anchorMs, roomNamePool, hostile);
  const records = [...(samples ? SAMPLE_RECORDS : []), ...(burst ? withBurst(generated, burst) : generated)];
  return { rooms, records, roomNamePool, ids: factory.ids };
}

/** Hostile names first (the skewed pick makes early names the most frequent), then samples, live rooms, a few more. */
function namePool(rng: Random, rooms: readonly LiveRoom[], taken: Set<string>, samples: boolean): string[] {
  const pool = new Set<string>(samples ? [...HOSTILE_ROOM_NAMES, ...SAMPLE_ROOM_NAMES] : []);
  for (const room of rooms.slice(0, 40)) {
    pool.add(room.roomName);
  }
  for (let i = 0; i < 25; i++) {
    pool.add(generateRoomName(rng, taken));
  }
  return [...pool];
}

function generateRecords(rng: Random, count: number, anchorMs: number, pool: readonly string[], hostile: readonly string[]): UsageRecord[] {
  const spanMs = RECORD_SPAN_DAYS * DAY_MS;
  const logMin = Math.log(60);
  const logMax = Math.log(4 * 3600);
  const drafts = new Array<{ time: number; roomName: string; sessionTimeSecond: number }>(count);
  for (let i = 0; i < count; i++) {
    let time = anchorMs - 1000 - Math.floor(rng.next() * spanMs);
    if (time >= SAMPLE_MONTH_START && time < SAMPLE_MONTH_END) {
      time -= 31 * DAY_MS; // only reachable with a clock set near 2021; moves the record into January
    }
    // The first records take each hostile name in turn, so every one of them is in the usage data.
    const roomName = i < hostile.length ? hostile[i]! : rng.pickSkewed(pool);
    // Meetings from a minute to four hours, evenly spread on a log scale (many short, some long).
    const sessionTimeSecond = Math.round(Math.exp(logMin + rng.next() * (logMax - logMin)));
    drafts[i] = { time, roomName, sessionTimeSecond };
  }
  drafts.sort((a, b) => a.time - b.time);
  return drafts.map((d) => ({ roomName: d.roomName, sessionTimeSecond: d.sessionTimeSecond, createdAt: isoSeconds(d.time) }));
}
