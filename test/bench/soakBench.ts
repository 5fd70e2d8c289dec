/**
 * Memory over time, in Node: 10,000 refresh cycles of the real LiveState against the emulator with
 * 1,000 rooms (back to back: the fast clock), and 50 usage reports loaded and disposed, with the
 * heap measured after a full GC before and after. What stays behind is what a long session keeps.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { SConnectorClient } from '../../src/api/client';
import { DEFAULT_HTTP_SETTINGS, HttpTransport } from '../../src/api/http';
import { type BoundCredentials, TokenSource } from '../../src/api/tokens';
import { Emitter } from '../../src/state/events';
import { LiveState } from '../../src/state/liveState';
import { UsageReport } from '../../src/state/usageReport';
import { EmulatorControl } from '../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator } from '../emulator/server';
import type { Figure } from './figures';

const CYCLES = 10_000;
const REPORTS = 50;
const MB = 1024 * 1024;

function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

export async function soakFigures(): Promise<Figure[]> {
  const gc = collectGarbage();
  const emulator = await startEmulator({ rooms: 1_000, records: 20_000, seed: 11 });
  const credentials: BoundCredentials = { apiUrl: emulator.url, accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY };
  // The real stack as the extension builds it; a request log would be the test's memory, so none.
  const http = new HttpTransport(() => DEFAULT_HTTP_SETTINGS);
  const client = new SConnectorClient(http, new TokenSource(http, () => Promise.resolve(credentials), { lifetimeMinutes: () => 60 }));
  const keys = { get: () => Promise.resolve(credentials), onDidChange: new Emitter<void>().event };
  const state = new LiveState(client, keys, { intervalMs: () => 60_000 });
  let changes = 0;
  state.onDidChange(() => changes++);
  const log = { info: () => undefined, warn: () => undefined };
  try {
    // Warm up: the first cycles and report fill caches that are meant to stay (zones, day texts, JIT).
    for (let i = 0; i < 50; i++) await state.refresh();
    const warm = new UsageReport([{ id: 'first', label: 'Emulator', source: client }], log, { start: '2000-01-01', end: '2099-12-31' }, undefined);
    await warm.load(warm.range, undefined);
    warm.dispose();
    // The emulator runs in this process and logs every request: its log is emptied before each
    // measurement, so that what is counted is the extension's.
    const control = new EmulatorControl(emulator.url);
    await control.clearStats();
    gc();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    for (let i = 0; i < CYCLES; i++) {
      await state.refresh();
      if (i % 50 === 0) await state.roomDetail((state.snapshot.rooms ?? [])[0]?.roomName ?? 'none');
    }
    for (let i = 0; i < REPORTS; i++) {
      const report = new UsageReport([{ id: 'first', label: 'Emulator', source: client }], log, { start: '2000-01-01', end: '2099-12-31' }, undefined);
      report.onDidChange(() => undefined);
      await report.load(report.range, i % 2 ? undefined : 'gfds');
      report.exportFile('csv', { filter: '', sort: 'startedAt', descending: true });
      report.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    await control.clearStats();
    gc();
    const after = process.memoryUsage().heapUsed;
    return [
      { name: `heap growth after ${CYCLES.toLocaleString()} refresh cycles (1,000 rooms) and ${REPORTS} reports, after GC`, value: (after - before) / MB, unit: 'MB', budget: 5, note: `${seconds.toFixed(0)} s, ${changes.toLocaleString()} change events` },
    ];
  } finally {
    state.dispose();
    await emulator.close();
  }
}
