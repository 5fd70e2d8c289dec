/**
 * Where the usage report's heavy work runs: reading usage answers as they arrive, and counting
 * totals. `inThread` does it on the caller's thread (unit tests, and a UsageReport built without
 * a worker); `ReportWorker` hands it to a worker thread (state/reportWorker.ts), so that the
 * extension host, which every extension shares, never stops for it. A worker that fails to start
 * fails the report with its reason; Retry starts another.
 */
import { Worker } from 'node:worker_threads';
import type { BodyReader } from '../api/http';
import type { StreamedUsage } from '../api/usageStream';
import { aggregate } from '../report/aggregate';
import { epochNow, fromWire, toWireInSlices } from '../shared/protocol';
import type { Aggregates, CapacityLimit, DateRange, MeetingTable, TotalsSoFar } from '../shared/reportTypes';
import { countingReader } from './countingReader';
import type { Counting, WorkerReply, WorkerRequest } from './reportWorkerProtocol';

export interface ReportCompute {
  /**
   * A reader for one usage answer's body. With `counting`, the totals of the table it reads are
   * counted at once, where it is read, and `aggregate` of that same table so counted answers them.
   * `onRecords` is told now and then how many records have been read, and with counting, now and
   * then the figures of those (state/countingReader.ts).
   */
  usageReader(options?: ReaderOptions): BodyReader<StreamedUsage>;
  /** The report's totals of `table` (see report/aggregate.ts). */
  aggregate(table: MeetingTable, range: DateRange, timeZone: string, limit: CapacityLimit | undefined): Promise<Aggregates>;
  /** Gets ready for work about to come (a worker starts while the request is on its way). */
  warm?(): void;
  dispose(): void;
}

export interface ReaderOptions {
  readonly counting?: Counting;
  readonly onRecords?: (count: number, soFar?: TotalsSoFar) => void;
}

export const inThread: ReportCompute = {
  // Counted here only for the figures so far: `aggregate` below counts the table afresh.
  usageReader: (options) => countingReader(options?.onRecords ? options.counting : undefined, options?.onRecords).reader,
  aggregate: (table, range, timeZone, limit) => Promise.resolve(aggregate(table, range, timeZone, limit)),
  dispose: () => undefined,
};

/** A worker stopped after this long without work gives its memory back; the next report starts another (~30 ms). */
const IDLE_MS = 60_000;

export class ReportWorker implements ReportCompute {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  private idle: ReturnType<typeof setTimeout> | undefined;
  /** The answers being read (pushed, not yet finished or dropped): work under way, though nothing waits for a reply yet. */
  private readonly reading = new Set<number>();
  /** Who is told how many records of each answer being read have been read, by answer. */
  private readonly progress = new Map<number, (count: number, soFar?: TotalsSoFar) => void>();
  /** Totals counted as tables were read, by table, with how they were counted. */
  private readonly counted = new WeakMap<MeetingTable, { readonly key: string; readonly aggregates: Aggregates }>();

  /**
   * @param script the worker's file (dist/reportWorker.js beside the report's bundle)
   * @param idleMs how long it stays without work before it is stopped
   */
  constructor(private readonly script: string, private readonly idleMs = IDLE_MS) {}

  /** Whether a worker thread runs now (it holds its memory until it has been idle a while). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Starts the worker ahead of the first answer, so that its start-up overlaps the request (or the
   * choosing of the range, which the user may give up: then it stops again once idle).
   */
  warm(): void {
    this.started();
    this.restIfIdle();
  }

  usageReader({ counting, onRecords }: ReaderOptions = {}): BodyReader<StreamedUsage> {
    const worker = this.started();
    const id = this.nextId++;
    if (onRecords) this.progress.set(id, onRecords);
    this.reading.add(id);
    this.post(worker, { type: 'open', id, ...(counting && { counting }), ...(onRecords && { progress: true }) });
    let open = true;
    return {
      push: (chunk) => {
        if (open) this.post(worker, { type: 'chunk', id, bytes: chunk });
      },
      finish: async () => {
        open = false;
        this.reading.delete(id);
        const ended = epochNow();
        const reply = await this.ask(worker, id, { type: 'end', id }).finally(() => this.progress.delete(id));
        if (reply.type !== 'read') throw new Error(`the report worker answered ${reply.type} to a read`);
        const { json, columns, aggregates, skipped, parseMs, checkMs, endAt, answeredAt } = reply;
        const table = columns && fromWire(columns);
        if (table && aggregates && counting) this.counted.set(table, { key: countingKey(counting), aggregates });
        const tail = { behindMs: endAt - ended, workMs: answeredAt - endAt, backMs: epochNow() - answeredAt };
        return { json, kept: { envelope: json.ok ? json.value : undefined, ...(table && { table }), skipped, parseMs, checkMs, tail } };
      },
      drop: () => {
        this.progress.delete(id);
        this.reading.delete(id);
        if (!open) return;
        open = false;
        this.post(worker, { type: 'drop', id });
        this.restIfIdle();
      },
    };
  }

  async aggregate(table: MeetingTable, range: DateRange, timeZone: string, limit: CapacityLimit | undefined): Promise<Aggregates> {
    const counted = this.counted.get(table);
    if (counted?.key === countingKey({ range, timeZone, limit })) return counted.aggregates;
    const worker = this.started();
    const id = this.nextId++;
    const columns = await toWireInSlices(table);
    // Copied, not transferred: the columns may be the very ones this table was read from, which
    // the panel sends on to the page (see toWireInSlices); a transfer would empty them here.
    const reply = await this.ask(worker, id, { type: 'aggregate', id, columns, range, timeZone, limit });
    if (reply.type !== 'aggregates') throw new Error(`the report worker answered ${reply.type} to a count`);
    return reply.aggregates;
  }

  dispose(): void {
    clearTimeout(this.idle);
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('the report worker was stopped'));
  }

  private started(): Worker {
    clearTimeout(this.idle);
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.unref(); // never keeps the extension host alive
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') {
        this.progress.get(reply.id)?.(reply.records, reply.soFar);
        return;
      }
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiting?.resolve(reply);
      this.restIfIdle();
    });
    const stopped = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`the report worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private post(worker: Worker, request: WorkerRequest): void {
    worker.postMessage(request);
  }

  private ask(worker: Worker, id: number, request: WorkerRequest): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post(worker, request);
    });
  }

  private busy(): boolean {
    return this.waiting.size > 0 || this.reading.size > 0;
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }

  /** Stops the worker after idleMs without work: nothing waiting for a reply, and no answer being read (one license's may arrive for minutes). */
  private restIfIdle(): void {
    if (this.busy()) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.busy()) return;
      void this.worker?.terminate();
      this.worker = undefined;
    }, this.idleMs);
    this.idle.unref();
  }
}

function countingKey({ range, timeZone, limit }: Counting): string {
  return JSON.stringify([range.start, range.end, timeZone, limit?.roomLimit ?? null, limit?.warningPercent ?? null]);
}
