/**
 * The usage report's worker thread (dist/reportWorker.js): what would otherwise block the
 * extension host's one thread, which every extension shares, for hundreds of milliseconds at
 * 100,000 meetings. It reads usage answers as their bytes arrive (api/usageStream.ts, with the same
 * reader the caller's thread would use) and counts the report's totals as its records are read
 * (report/aggregate.ts), so that little is left to count after the last byte. It
 * holds no key or token and talks to no server: the extension host makes every request and hands
 * it the bytes. See state/reportCompute.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { BodyReader } from '../api/http';
import { readUsageInThread, type StreamedUsage } from '../api/usageStream';
import { aggregate, TotalsCounter } from '../report/aggregate';
import { fromWire, toWire } from '../shared/protocol';
import { buffersOf, type Counting, type WorkerReply, type WorkerRequest } from './reportWorkerProtocol';

const port = parentPort!;
/** The answers being read, by the id the host gave each: their reader, and their totals as counted so far. */
const readings = new Map<number, Reading>();

interface Reading {
  readonly reader: BodyReader<StreamedUsage>;
  readonly counting?: { readonly counter: TotalsCounter } & Counting;
}

/** How often, at most, the host is told how many records of an answer have been read. */
const PROGRESS_MS = 100;

/** Starts reading answer `id`; with `counting`, its records are counted as each batch of them is read. */
function open(id: number, how: Counting | undefined): Reading {
  let toldAt = 0;
  const counting = how && { ...how, counter: new TotalsCounter(how.timeZone) };
  const reader = readUsageInThread((records, soFar) => {
    counting?.counter.countTo(soFar);
    const now = performance.now();
    if (now - toldAt < PROGRESS_MS) return;
    toldAt = now;
    const reply: WorkerReply = { type: 'progress', id, records };
    port.postMessage(reply);
  });
  const reading: Reading = { reader, ...(counting && { counting }) };
  readings.set(id, reading);
  return reading;
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'open':
      open(request.id, request.counting);
      return;
    case 'chunk':
      (readings.get(request.id) ?? open(request.id, undefined)).reader.push(request.bytes);
      return;
    case 'end': {
      const { reader, counting } = readings.get(request.id) ?? open(request.id, undefined);
      readings.delete(request.id);
      void reader.finish().then(({ json, kept: { envelope, table, ...times } }) => {
        // Counted here, as the records came, the totals cost the report no second trip of the table between threads.
        const aggregates = table && counting?.counter.totals(table, counting.range, counting.limit);
        const columns = table && toWire(table);
        const reply: WorkerReply = { type: 'read', id: request.id, json, ...(columns && { columns }), ...(aggregates && { aggregates }), ...times };
        port.postMessage(reply, columns ? buffersOf(columns) : []);
      });
      return;
    }
    case 'drop':
      readings.get(request.id)?.reader.drop();
      readings.delete(request.id);
      return;
    case 'aggregate': {
      const reply: WorkerReply = { type: 'aggregates', id: request.id, aggregates: aggregate(fromWire(request.columns), request.range, request.timeZone, request.limit) };
      port.postMessage(reply);
      return;
    }
  }
});
