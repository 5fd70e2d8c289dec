/**
 * The usage report's worker thread (dist/reportWorker.js): what would otherwise block the
 * extension host's one thread, which every extension shares, for hundreds of milliseconds at
 * 100,000 meetings. It reads usage answers as their bytes arrive (api/usageStream.ts) and counts
 * the report's totals (report/aggregate.ts). It holds no key or token and talks to no server: the
 * extension host makes every request and hands it the bytes. See state/reportCompute.ts.
 */
import { parentPort } from 'node:worker_threads';
import { NotJsonError, UsageStreamReader } from '../api/usageStream';
import { aggregate } from '../report/aggregate';
import { buffersOf, type WorkerReply, type WorkerRequest } from './reportWorkerProtocol';
import { fromWire, toWire } from '../shared/protocol';

const port = parentPort!;
/** Readers of the answers arriving, by the id the host gave each; undefined once one failed. */
const readers = new Map<number, UsageStreamReader | undefined>();

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'chunk': {
      if (!readers.has(request.id)) readers.set(request.id, new UsageStreamReader());
      const reader = readers.get(request.id);
      try {
        reader?.push(request.bytes);
      } catch (error) {
        if (!(error instanceof NotJsonError)) throw error;
        readers.set(request.id, undefined); // not JSON: the rest of its bytes are not read
      }
      return;
    }
    case 'end': {
      const reader = readers.has(request.id) ? readers.get(request.id) : new UsageStreamReader();
      readers.delete(request.id);
      try {
        if (!reader) throw new NotJsonError();
        const read = reader.finish();
        const columns = read.table && toWire(read.table);
        reply({ type: 'read', id: request.id, envelope: read.envelope, ...(columns && { columns }), skipped: read.skipped, parseMs: read.parseMs, checkMs: read.checkMs }, columns ? buffersOf(columns) : []);
      } catch (error) {
        if (!(error instanceof NotJsonError)) throw error;
        reply({ type: 'notJson', id: request.id });
      }
      return;
    }
    case 'drop':
      readers.delete(request.id);
      return;
    case 'aggregate': {
      const started = performance.now();
      const aggregates = aggregate(fromWire(request.columns), request.range, request.timeZone, request.limit);
      reply({ type: 'aggregates', id: request.id, aggregates, ms: performance.now() - started });
      return;
    }
  }
});
