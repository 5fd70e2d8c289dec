/**
 * Everything the emulator knows and can change: config, live rooms, usage records, faults, stats,
 * the redirect sink's records, and the simulation timer. Both the API and the control routes work on
 * one EmulatorState.
 *
 * `reset()` rebuilds the data from the same seed and the same anchor (the clock reading taken at
 * start), so a reset emulator serves exactly what it served when it started.
 */
import { Auth } from './auth';
import type { ResolvedOptions } from './config';
import { generateData, license } from './data';
import { ExtraLicense } from './extraLicenses';
import { FaultList } from './faults';
import { LiveRooms } from './liveRooms';
import { deriveSeed, Random } from './random';
import { RoomFactory } from './roomFactory';
import { SinkLog } from './sink';
import type { EmulatorConfig, EmulatorData, EmulatorStats } from './types';
import { UsageLog } from './usageLog';

export class EmulatorState {
  config: EmulatorConfig;
  rooms!: LiveRooms;
  usage!: UsageLog;
  /** Raw objects served by v1/sessions instead of the simulation, until reset. */
  roomsOverride: unknown[] | null = null;
  readonly faults = new FaultList();
  stats: EmulatorStats = { auth: 0, signIns: [], requests: [] };
  /** The licenses besides the main one (see extraLicenses.ts). */
  extraLicenses: ExtraLicense[] = [];
  /** What reached the redirect sink, and its url (set once it listens). */
  readonly sink = new SinkLog();
  readonly auth: Auth;
  readonly now: () => number;
  private readonly anchorMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ResolvedOptions) {
    this.now = options.now;
    this.anchorMs = options.now();
    this.config = { ...options.config };
    this.auth = new Auth(this.config.secretKey, this.now);
    this.loadData();
    this.restartTimer();
  }

  /** Back to the initial data and config; faults, stats, sink records and any room override cleared. */
  reset(): void {
    this.config = { ...this.options.config };
    this.auth.setSecretKey(this.config.secretKey);
    this.loadData();
    this.roomsOverride = null;
    this.faults.clear();
    this.clearStats();
    this.sink.clear();
    this.restartTimer();
  }

  configure(patch: Partial<EmulatorConfig>): void {
    const tickChanged = patch.tickMs !== undefined && patch.tickMs !== this.config.tickMs;
    this.config = { ...this.config, ...patch };
    this.auth.setSecretKey(this.config.secretKey);
    if (tickChanged) {
      this.restartTimer();
    }
  }

  /** Runs the simulation `times` steps; closed meetings become usage records. */
  tick(times = 1): void {
    for (let i = 0; i < times; i++) {
      for (const record of this.rooms.step(this.now(), this.config.roomLimit)) {
        this.usage.add(record);
      }
    }
  }

  clearStats(): void {
    this.stats = { auth: 0, signIns: [], requests: [] };
  }

  data(): EmulatorData {
    return {
      license: license(this.config.roomLimit, this.config.enabled),
      rooms: structuredClone([...this.rooms.list()]),
      roomsOverride: this.roomsOverride === null ? null : structuredClone(this.roomsOverride),
      records: this.usage.all(),
      extraLicenses: this.extraLicenses.map((extra) => ({ accessKey: extra.auth.accessKey, license: extra.license(), rooms: structuredClone([...extra.rooms.list()]), records: extra.usage.all() })),
    };
  }

  /** Stops the timer, so a closed emulator lets the process exit. */
  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private loadData(): void {
    const initial = generateData({
      seed: this.options.seed,
      rooms: this.options.rooms,
      records: this.options.records,
      anchorMs: this.anchorMs,
    });
    // The simulation draws from its own stream, so its steps do not depend on how much generation drew.
    const rng = new Random(deriveSeed(this.options.seed, 1));
    this.rooms = new LiveRooms(initial.rooms, new RoomFactory(rng, initial.ids), rng, initial.roomNamePool);
    this.usage = new UsageLog(initial.records);
    const { seed, rooms, records, now } = this.options;
    this.extraLicenses = Array.from({ length: this.options.extraLicenses }, (_, i) => new ExtraLicense(i + 1, { seed, rooms, records, anchorMs: this.anchorMs, now }));
  }

  private restartTimer(): void {
    this.dispose();
    if (this.config.tickMs > 0) {
      this.timer = setInterval(() => this.tick(), this.config.tickMs);
    }
  }
}
