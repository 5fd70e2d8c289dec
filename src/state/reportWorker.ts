/**
 * The usage report's worker thread (dist/reportWorker.js): what would otherwise block the
 * extension host's one thread, which every extension shares, for hundreds of milliseconds at
 * 100,000 meetings. It reads usage answers as their bytes arrive (api/usageStream.ts, with the same
 * reader the caller's thread would use) and counts the report's totals as its records are read
 * (state/countingReader.ts), so that little is left to count after the last byte, and the figures
 * so far can be shown while the rest arrives. It
 * holds no key or token and talks to no server: the extension host makes every request and hands
 * it the bytes. See state/reportCompute.ts.
 */
import { parentPort } from 'node:worker_threads';
import { aggregate } from '../report/aggregate';
import { epochNow, fromWire, toWire } from '../shared/protocol';
import { countingReader, type CountingReader } from './countingReader';
import { buffersOf, type Counting, type WorkerReply, type WorkerRequest } from './reportWorkerProtocol';

const port = parentPort!;
/** The answers being read, by the id the host gave each. */
const readings = new Map<number, CountingReader>();

/** Starts reading answer `id`; with `counting`, its records are counted as each batch of them is read; with `progress`, how far it has come is told. */
function open(id: number, how: Counting | undefined, progress = false): CountingReader {
  const reading = countingReader(how, progress ? (records, soFar) => {
    const reply: WorkerReply = { type: 'progress', id, records, ...(soFar && { soFar }) };
    port.postMessage(reply);
  } : undefined);
  readings.set(id, reading);
  return reading;
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'open':
      open(request.id, request.counting, request.progress);
      return;
    case 'chunk':
      (readings.get(request.id) ?? open(request.id, undefined)).reader.push(request.bytes);
      return;
    case 'end': {
      const endAt = epochNow();
      const { reader, totals } = readings.get(request.id) ?? open(request.id, undefined);
      readings.delete(request.id);
      void reader.finish().then(({ json, kept: { table, skipped, parseMs, checkMs } }) => {
        // Counted here, as the records came, the totals cost the report no second trip of the table between threads.
        const aggregates = table && totals(table);
        const columns = table && toWire(table);
        const reply: WorkerReply = { type: 'read', id: request.id, json, ...(columns && { columns }), ...(aggregates && { aggregates }), skipped, parseMs, checkMs, endAt, answeredAt: epochNow() };
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
