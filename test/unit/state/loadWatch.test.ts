/** state/loadWatch: what it reports is what the extension host's thread and heap went through. */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { LoadWatch } from '../../../src/state/loadWatch';

/** A full garbage collection, to bring the heap down again. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Resolves after the event loop has gone round `times` times. */
async function turns(times: number): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 15));
}

describe('state/loadWatch', () => {
  it('sees the thread blocked for as long as it was', async () => {
    const watch = new LoadWatch();
    await turns(3);
    const until = performance.now() + 120;
    while (performance.now() < until) {
      // the thread is held, as a long JSON.parse would hold it
    }
    await turns(3);
    assert.ok(watch.stop().longestBlockMs >= 100, 'a block of 120 ms');
  });

  // The test's process runs one busy thread, so the process's CPU time stands for the thread's
  // (process.threadCpuUsage, which the extension host's Node has, is not in every Node that runs these tests).
  const processCpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };

  it('tells a gap in which the thread ran from one in which it waited', async () => {
    const busy = new LoadWatch(processCpuMs);
    await turns(3);
    const until = performance.now() + 120;
    while (performance.now() < until) {
      // the thread runs
    }
    await turns(3);
    const ran = busy.stop().longestGap;
    assert.ok(ran && ran.ms >= 100 && ran.cpuMs >= 80, `ran ${ran?.cpuMs.toFixed(0)} ms of a ${ran?.ms.toFixed(0)} ms gap`);

    const idle = new LoadWatch(processCpuMs);
    await turns(3);
    // The thread sleeps, as it does while it waits for a core: time passes, no CPU is used.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120);
    await turns(3);
    const waited = idle.stop().longestGap;
    assert.ok(waited && waited.ms >= 100 && waited.cpuMs < 40, `ran ${waited?.cpuMs.toFixed(0)} ms of a ${waited?.ms.toFixed(0)} ms gap`);
  });

  it('gives no gap where the runtime cannot tell the thread\'s CPU time', async () => {
    const watch = new LoadWatch(() => undefined);
    await turns(2);
    assert.equal(watch.stop().longestGap, undefined);
  });

  it('sees the heap as high as it went, also when it has come down before the watch stops', async () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const watch = new LoadWatch();
    const held: number[][] = Array.from({ length: 200 }, () => Array.from({ length: 50_000 }, (_, i) => i + 0.5));
    await turns(4); // the sampler's turns come while it is held
    const high = process.memoryUsage().heapUsed;
    held.length = 0;
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    const seen = watch.stop().heapPeakBytes;
    assert.ok(high - after > 50 * 1024 * 1024, `the test held 80 MB and let it go (${((high - before) / 1024 / 1024).toFixed(0)} MB, then ${((after - before) / 1024 / 1024).toFixed(0)} MB)`);
    assert.ok(seen >= high - 1024 * 1024, `peak ${(seen / 1024 / 1024).toFixed(0)} MB against ${(high / 1024 / 1024).toFixed(0)} MB held`);
  });
});
