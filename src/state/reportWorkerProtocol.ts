/** The messages between the extension host and the report's worker (state/reportWorker.ts). */
import type { ParsedJson } from '../api/http';
import type { WireTable } from '../shared/protocol';
import type { Aggregates, CapacityLimit, DateRange, TotalsSoFar } from '../shared/reportTypes';

/** Tables cross in the page's wire form: typed arrays, transferred from the worker as buffers rather than copied (a table the host sends to be counted is copied: the host keeps its columns, see toWireInSlices). */
export type WorkerRequest =
  /**
   * Answer `id` is on its way: read it as it comes, and count its totals as its records are read
   * when `counting` says how; with `progress`, tell now and then how far it has come (and the
   * figures so far, when counting).
   */
  | { readonly type: 'open'; readonly id: number; readonly counting?: Counting; readonly progress?: boolean }
  /** Bytes of answer `id`, in the order they came. */
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  /** Every byte of answer `id` has come: finish reading it (and counting it). */
  | { readonly type: 'end'; readonly id: number }
  /** Answer `id` will not be finished (failed, cancelled): forget it. */
  | { readonly type: 'drop'; readonly id: number }
  | ({ readonly type: 'aggregate'; readonly id: number; readonly columns: WireTable } & Counting);

export type WorkerReply =
  /** Answer `id` read: its envelope (without the records when `columns` has them), as readUsageInThread gives it. */
  | {
    readonly type: 'read'; readonly id: number; readonly json: ParsedJson; readonly columns?: WireTable; readonly aggregates?: Aggregates;
    readonly skipped: number; readonly parseMs: number; readonly checkMs: number;
    /** When the worker had the `end` and when it answered (epoch ms, the machine's one clock, which both threads read). */
    readonly endAt: number; readonly answeredAt: number;
  }
  | { readonly type: 'aggregates'; readonly id: number; readonly aggregates: Aggregates }
  /** Answer `id` is being read: this many records so far (sent now and then, not after every chunk), and when it is counted, now and then the figures so far. */
  | { readonly type: 'progress'; readonly id: number; readonly records: number; readonly soFar?: TotalsSoFar };

/** How a report counts its totals (report/aggregate.ts): its days, its zone and the license's limit. */
export interface Counting {
  readonly range: DateRange;
  readonly timeZone: string;
  readonly limit: CapacityLimit | undefined;
}

/** The buffers of a table's columns, to transfer rather than copy (each column owns its buffer). */
export function buffersOf(columns: WireTable): ArrayBuffer[] {
  const arrays = [columns.room, columns.startedAt, columns.seconds, ...(columns.roomLicense ? [columns.roomLicense] : [])];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}
