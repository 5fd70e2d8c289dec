/**
 * The usage report's worker thread (dist/reportWorker.js): what would otherwise block the
 * extension host's one thread, which every extension shares, for hundreds of milliseconds at
 * 100,000 meetings. It reads usage answers as their bytes arrive (api/usageStream.ts, with the same
 * reader the caller's thread would use) and counts the report's totals (report/aggregate.ts). It
 * holds no key or token and talks to no server: the extension host makes every request and hands
 * it the bytes. See state/reportCompute.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { BodyReader } from '../api/http';
import { readUsageInThread, type StreamedUsage } from '../api/usageStream';
import { aggregate } from '../report/aggregate';
import { fromWire, toWire } from '../shared/protocol';
import { buffersOf, type WorkerReply, type WorkerRequest } from './reportWorkerProtocol';

const port = parentPort!;
/** Readers of the answers arriving, by the id the host gave each. */
const readers = new Map<number, BodyReader<StreamedUsage>>();

/** How often, at most, the host is told how many records of an answer have been read. */
const PROGRESS_MS = 100;

function readerOf(id: number): BodyReader<StreamedUsage> {
  let reader = readers.get(id);
  if (!reader) {
    let toldAt = 0;
    reader = readUsageInThread((records) => {
      const now = performance.now();
      if (now - toldAt < PROGRESS_MS) return;
      toldAt = now;
      const reply: WorkerReply = { type: 'progress', id, records };
      port.postMessage(reply);
    });
    readers.set(id, reader);
  }
  return reader;
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'chunk':
      readerOf(request.id).push(request.bytes);
      return;
    case 'end': {
      const reader = readerOf(request.id);
      readers.delete(request.id);
      void reader.finish().then(({ json, kept: { envelope, table, ...times } }) => {
        const columns = table && toWire(table);
        // Counted here and now, the totals cost the report no second trip of the table between threads.
        const { counting } = request;
        const aggregates = table && counting && aggregate(table, counting.range, counting.timeZone, counting.limit);
        const reply: WorkerReply = { type: 'read', id: request.id, json, ...(columns && { columns }), ...(aggregates && { aggregates }), ...times };
        port.postMessage(reply, columns ? buffersOf(columns) : []);
      });
      return;
    }
    case 'drop':
      readers.get(request.id)?.drop();
      readers.delete(request.id);
      return;
    case 'aggregate': {
      const reply: WorkerReply = { type: 'aggregates', id: request.id, aggregates: aggregate(fromWire(request.columns), request.range, request.timeZone, request.limit) };
      port.postMessage(reply);
      return;
    }
  }
});
