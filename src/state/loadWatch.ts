/**
 * Watches the extension host while a usage report loads, until its table is on screen: the
 * longest its one thread was blocked (`perf_hooks.monitorEventLoopDelay`), and the highest its
 * JavaScript heap went (sampled every 25 ms by a timer that keeps nothing alive). Both go into the
 * report's log lines, which `npm run bench` reads.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

const SAMPLE_MS = 25;

export interface LoadWatchResult {
  readonly longestBlockMs: number;
  readonly heapPeakBytes: number;
}

export class LoadWatch {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly sampler: ReturnType<typeof setInterval>;
  private heapPeak = process.memoryUsage().heapUsed;

  constructor() {
    this.delay.enable();
    this.sampler = setInterval(() => this.sample(), SAMPLE_MS);
    this.sampler.unref();
  }

  /** Stops watching; what was seen. */
  stop(): LoadWatchResult {
    this.sample();
    clearInterval(this.sampler);
    this.delay.disable();
    return { longestBlockMs: this.delay.max / 1e6, heapPeakBytes: this.heapPeak };
  }

  private sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.heapPeak) this.heapPeak = used;
  }
}
