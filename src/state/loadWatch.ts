/**
 * Watches the extension host while a usage report loads, until its table is on screen: the
 * longest its one thread was blocked (`perf_hooks.monitorEventLoopDelay`), and the highest its
 * JavaScript heap went (sampled every 25 ms by a timer that keeps nothing alive). Both go into the
 * report's log lines, which `npm run bench` reads.
 *
 * A delay is not always the thread's own work: on a busy machine the thread may wait for a core.
 * The sampler also reads the thread's CPU time (`process.threadCpuUsage`, Node 23.9 and later), so
 * the longest gap between two of its turns says how much of it the thread ran.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

const SAMPLE_MS = 25;

export interface LoadWatchResult {
  readonly longestBlockMs: number;
  readonly heapPeakBytes: number;
  /** The longest time between two turns of the sampler, and the thread's CPU time in it (where the runtime tells it). */
  readonly longestGap?: { readonly ms: number; readonly cpuMs: number };
}

/** This thread's CPU time in milliseconds, where the runtime tells it. */
function threadCpuMs(): number | undefined {
  const usage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.();
  return usage && (usage.user + usage.system) / 1000;
}

export class LoadWatch {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly sampler: ReturnType<typeof setInterval>;
  private heapPeak = process.memoryUsage().heapUsed;
  private sampledAt = performance.now();
  private sampledCpu: number | undefined;
  private longestGap: { ms: number; cpuMs: number } | undefined;

  /** @param cpuMs the watched thread's CPU time so far, in ms (undefined where the runtime cannot tell) */
  constructor(private readonly cpuMs: () => number | undefined = threadCpuMs) {
    this.sampledCpu = cpuMs();
    this.delay.enable();
    this.sampler = setInterval(() => this.sample(), SAMPLE_MS);
    this.sampler.unref();
  }

  /** Stops watching; what was seen. */
  stop(): LoadWatchResult {
    this.sample();
    clearInterval(this.sampler);
    this.delay.disable();
    return { longestBlockMs: this.delay.max / 1e6, heapPeakBytes: this.heapPeak, ...(this.longestGap && { longestGap: this.longestGap }) };
  }

  private sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.heapPeak) this.heapPeak = used;
    const now = performance.now();
    const cpu = this.cpuMs();
    if (cpu !== undefined && this.sampledCpu !== undefined && (!this.longestGap || now - this.sampledAt > this.longestGap.ms)) {
      this.longestGap = { ms: now - this.sampledAt, cpuMs: cpu - this.sampledCpu };
    }
    this.sampledAt = now;
    this.sampledCpu = cpu;
  }
}
