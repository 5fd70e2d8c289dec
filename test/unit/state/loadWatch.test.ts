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
