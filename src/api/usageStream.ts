/**
 * Reads a `v1/static` answer while its bytes arrive, instead of after the last one: the usage
 * records (`data.detail`, 100,000 of them or more) are read as soon as they are complete, and kept
 * as the report's columns. A record in the API document's own form (every record of a real answer)
 * is read straight from its bytes (api/documentedRecord.ts); any other is parsed with those of its
 * batch and checked; what is left of the envelope (status,
 * message, domain, total: a few hundred bytes) is parsed at the end. The result is what
 * `JSON.parse` of the whole text and `parseUsage` would give, without ever holding the whole text,
 * the parsed tree or one object per record.
 *
 * How: a byte scanner that knows JSON's strings, escapes and nesting finds the array under the
 * key `detail` of the object under the key `data`, and the commas between its elements. Element
 * boundaries are ASCII bytes, so a batch is always whole UTF-8. Keys are compared as raw bytes: a
 * key written with escapes (`"d\u0061ta"`) is not recognised, and the answer is then parsed whole
 * at the end, to the same result, only later. A key seen twice keeps the last one, as JSON.parse
 * does. Used by the report's worker (state/reportWorker.ts) and, through readUsageInThread, on the
 * caller's thread.
 */
import { type DocumentedRecord, readDocumentedRecord } from './documentedRecord';
import { readUsageRecord } from './schema';
import { MeetingTableBuilder } from '../shared/meetingTable';
import type { MeetingTable } from '../shared/reportTypes';
import type { BodyReader } from './http';

/** The envelope with the records taken out: `data.detail` is an empty array where they were. */
export interface StreamedUsage {
  /** The answer as JSON.parse reads it, but for `data.detail`, which holds `[]` when `table` has the records. */
  readonly envelope: unknown;
  /** The readable records as columns, when they were read as they came. */
  readonly table?: MeetingTable;
  /** Records that could not be read (counted as parseUsage counts them). */
  readonly skipped: number;
  /** Milliseconds spent in JSON.parse and in the records' checks: for the report's timing. */
  readonly parseMs: number;
  readonly checkMs: number;
  /** Where the time after the last byte went, when the answer was read in another thread. */
  readonly tail?: ReadingTail;
}

/** The reading after an answer's last byte, in another thread, in milliseconds. */
export interface ReadingTail {
  /** The thread still reading the bytes that came before the end (the end waited behind them). */
  readonly behindMs: number;
  /** Its work once it had the end: the last records, the totals left to count, the wire form. */
  readonly workMs: number;
  /** Its answer's way back to the caller, until the caller had the table. */
  readonly backMs: number;
}

/** The answer is not JSON: the caller says so in its own words. */
export class NotJsonError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const DATA = [0x64, 0x61, 0x74, 0x61]; // "data"
const DETAIL = [0x64, 0x65, 0x74, 0x61, 0x69, 0x6c]; // "detail"

/** Complete records are parsed once this many bytes of them are waiting. */
const BATCH_BYTES = 256 * 1024;

export class UsageStreamReader {
  /** Bytes of the envelope outside the records. */
  private readonly outside: Uint8Array[] = [];
  /** Every byte, in case the answer must be parsed whole. */
  private readonly whole: Uint8Array[] = [];
  /** Bytes of complete records not yet parsed, and of the record still arriving. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The raw bytes of the string being read, when it may be a key we look for (depth 1 or 2, outside the records). */
  private keyBytes: number[] | undefined;
  private lastString: number[] | undefined;
  /** The key each open object is at, by depth: whether the path so far is `data`, then `data.detail`. */
  private inData = false;
  private dataDepth = -1;
  private nextIsData = false;
  private nextIsDetail = false;
  /** Inside `data.detail`: the array's depth once open. */
  private detailDepth = -1;
  private detailsSeen = 0;
  private readonly decoder = new TextDecoder();
  private builder = new MeetingTableBuilder();
  private rooms = new RoomsByBytes(this.builder, this.decoder);
  /** Where readDocumentedRecord puts what it read (one object for every record). */
  private readonly record: DocumentedRecord = { end: 0, nameStart: 0, nameEnd: 0, seconds: 0, startedAt: 0 };
  private skipped = 0;
  private parseMs = 0;
  private checkMs = 0;

  push(chunk: Uint8Array): void {
    const started = performance.now();
    const checked = this.checkMs;
    this.scan(chunk);
    // Reading is scanning and parsing at once: all of it but the record checks counts as parsing.
    this.parseMs += performance.now() - started - (this.checkMs - checked);
  }

  private scan(chunk: Uint8Array): void {
    this.whole.push(chunk);
    let from = 0; // start of the run of `chunk` that goes where the scanner is now (outside or records)
    for (let i = 0; i < chunk.length; i++) {
      if (this.detailDepth >= 0 && !this.inString) {
        // Inside the records, where nearly all the bytes are: a tight loop that only follows
        // strings, nesting and the commas between records, and leaves anything else to the loop below.
        const stop = this.scanRecords(chunk, i, from);
        i = stop.at;
        from = stop.from;
        if (i >= chunk.length) break;
      }
      const byte = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) {
          this.escaped = true;
          this.keyBytes = undefined; // an escaped key is not one we recognise by its bytes
        } else if (byte === QUOTE) {
          this.inString = false;
          this.lastString = this.keyBytes;
          this.keyBytes = undefined;
        } else this.keyBytes?.push(byte);
        continue;
      }
      if (byte === QUOTE) {
        this.inString = true;
        this.keyBytes = this.detailDepth < 0 && (this.depth === 1 || (this.inData && this.depth === this.dataDepth)) ? [] : undefined;
        this.lastString = undefined;
        continue;
      }
      if (byte === COLON) {
        const key = this.lastString;
        this.nextIsData = this.depth === 1 && key !== undefined && same(key, DATA);
        this.nextIsDetail = this.inData && this.depth === this.dataDepth && key !== undefined && same(key, DETAIL);
        // A key seen again replaces what it held before, as in JSON.parse: the records read so far go.
        if (this.nextIsData) this.inData = false;
        if (this.nextIsData || this.nextIsDetail) this.restart();
        continue;
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        this.depth++;
        if (this.nextIsData && byte === OPEN_OBJECT) {
          this.inData = true;
          this.dataDepth = this.depth;
        } else if (this.nextIsDetail && byte === OPEN_ARRAY) {
          // The records begin after this byte: what came before goes outside, with the `[`.
          this.outside.push(chunk.subarray(from, i + 1));
          from = i + 1;
          this.detailDepth = this.depth;
          this.detailsSeen++;
        }
        this.nextIsData = this.nextIsDetail = false;
        continue;
      }
      if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (this.depth === this.detailDepth) {
          // The records end before this byte.
          this.addPending(chunk.subarray(from, i));
          this.parsePending(true);
          from = i;
          this.detailDepth = -1;
        } else if (this.inData && this.depth === this.dataDepth) this.inData = false;
        this.depth--;
        this.nextIsData = this.nextIsDetail = false;
        continue;
      }
      if (byte === COMMA) {
        this.nextIsData = this.nextIsDetail = false;
        if (this.depth === this.detailDepth) from = this.recordEnds(chunk, from, i);
        continue;
      }
      // Other bytes (numbers, literals, white space) neither open nor close anything.
      if (byte > 0x20) this.nextIsData = this.nextIsDetail = false;
    }
    if (this.detailDepth >= 0) this.addPending(chunk.subarray(from));
    else this.outside.push(chunk.subarray(from));
  }

  /** Records read so far (of the records array being read). */
  get recordsRead(): number {
    return this.builder.size;
  }

  /**
   * The records read so far, as columns that grow as more are read (a later records array, which
   * replaces this one, is another table).
   */
  get tableSoFar(): MeetingTable {
    return this.builder.build();
  }

  /** The answer, once every byte has been pushed. Throws NotJsonError when it is not JSON. */
  finish(): StreamedUsage {
    const started = performance.now();
    // Records read as they came are used only when exactly one records array was read and closed;
    // anything unusual (no such array, a key written with escapes) is parsed whole, as it always was.
    const streamed = this.detailsSeen > 0 && this.detailDepth < 0 && !this.inString && this.depth === 0;
    let envelope: unknown;
    try {
      envelope = JSON.parse(this.decoder.decode(concat(streamed ? this.outside : this.whole)));
    } catch {
      throw new NotJsonError();
    }
    this.parseMs += performance.now() - started;
    if (streamed) {
      return { envelope, table: this.builder.build(), skipped: this.skipped, parseMs: this.parseMs, checkMs: this.checkMs };
    }
    return { envelope, skipped: 0, parseMs: this.parseMs, checkMs: this.checkMs };
  }

  /**
   * Scans records from `at` for as long as nothing but strings without escapes, nesting inside a
   * record and commas between records come; returns where it stopped (the byte the general loop
   * reads next) and where the records not yet kept begin.
   */
  private scanRecords(chunk: Uint8Array, at: number, from: number): { at: number; from: number } {
    const records = this.detailDepth;
    let depth = this.depth;
    let i = at;
    const length = chunk.length;
    for (; i < length; i++) {
      const byte = chunk[i]!;
      if (i === from && byte === OPEN_OBJECT && depth === records) {
        // A record starts here (nothing of it is kept yet): most are read straight from the bytes.
        const next = this.readDocumented(chunk, i);
        if (next >= 0) {
          i = next - 1;
          from = next;
          continue;
        }
      }
      if (byte === QUOTE) {
        const end = chunk.indexOf(QUOTE, i + 1);
        if (end < 0 || chunk[end - 1] === BACKSLASH) break; // the general loop reads this string
        i = end;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth === records) break; // the end of the records: the general loop closes them
        depth--;
      } else if (byte === COMMA && depth === records) from = this.recordEnds(chunk, from, i);
    }
    this.depth = depth;
    return { at: i, from };
  }

  /**
   * Reads the record at `at` when it is in the document's own form and followed by the comma and
   * brace of another or by the records' end, and keeps it; returns where reading goes on (after its
   * comma, or at the closing bracket), or -1 to read it the general way. Records kept for a batch
   * are read first, so that the table keeps the server's order.
   */
  private readDocumented(chunk: Uint8Array, at: number): number {
    const record = this.record;
    if (!readDocumentedRecord(chunk, at, record)) return -1;
    const after = chunk[record.end];
    let next: number;
    if (after === COMMA && chunk[record.end + 1] === OPEN_OBJECT) next = record.end + 1;
    else if (after === CLOSE_ARRAY) next = record.end;
    else return -1; // white space, the end of the chunk, a trailing comma: the general way decides
    if (this.pendingBytes > 0) this.parsePending(false);
    this.builder.addAt(this.rooms.index(chunk, record.nameStart, record.nameEnd), record.startedAt, record.seconds);
    return next;
  }

  /**
   * A record is complete at the comma at `comma`: it is kept (with its comma) for the next batch,
   * parsed once the batch is full. Returns where the records not yet kept begin.
   */
  private recordEnds(chunk: Uint8Array, from: number, comma: number): number {
    this.addPending(chunk.subarray(from, comma + 1));
    if (this.pendingBytes >= BATCH_BYTES) this.parsePending(false);
    return comma + 1;
  }

  /** A new records array (a later `data` or `detail` key replaces what an earlier one held). */
  private restart(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.builder = new MeetingTableBuilder();
    this.rooms = new RoomsByBytes(this.builder, this.decoder);
    this.skipped = 0;
  }

  private addPending(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  /**
   * Parses the complete records waiting. Each ends with its comma but, at the end of the array,
   * the last; the batch is then read as `[` records `]` with a trailing comma dropped.
   */
  private parsePending(atEnd: boolean): void {
    if (this.pendingBytes === 0) return;
    const bytes = concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    // Each record but the last of the array ends with its comma: the batch is read without it.
    const end = atEnd ? bytes.length : bytes.lastIndexOf(COMMA);
    if (this.readDocumentedBatch(bytes, end)) return;
    const text = this.decoder.decode(bytes.subarray(0, end));
    if (text.trim() === '') {
      if (!atEnd) throw new NotJsonError(); // a comma with no record before it
      return;
    }
    let items: unknown;
    try {
      items = JSON.parse(`[${text}]`);
    } catch {
      throw new NotJsonError();
    }
    const parsed = performance.now();
    for (const item of items as unknown[]) {
      const record = readUsageRecord(item);
      if (record) this.builder.add(record.roomName, record.startedAt, record.seconds);
      else this.skipped++;
    }
    this.checkMs += performance.now() - parsed;
  }

  /**
   * Reads a batch (`bytes[0..end)`, records with a comma between each) whose every record is in the
   * API document's own form, as readDocumentedRecord reads one, and keeps them; false (keeping
   * nothing) when any record is not, or there is none, so that the batch is read by JSON.parse and
   * the record checks instead, to the same meetings.
   */
  private readDocumentedBatch(bytes: Uint8Array, end: number): boolean {
    const read: DocumentedRecord[] = [];
    for (let at = 0; at < end; ) {
      const record: DocumentedRecord = { end: 0, nameStart: 0, nameEnd: 0, seconds: 0, startedAt: 0 };
      if (!readDocumentedRecord(bytes, at, record) || record.end > end) return false;
      read.push(record);
      if (record.end === end) break;
      if (bytes[record.end] !== COMMA) return false;
      at = record.end + 1;
      if (at === end) return false; // a comma with nothing after it
    }
    if (read.length === 0) return false;
    for (const record of read) this.builder.addAt(this.rooms.index(bytes, record.nameStart, record.nameEnd), record.startedAt, record.seconds);
    return true;
  }
}

/**
 * Room names by their UTF-8 bytes: a room's later meetings cost a hash of a few bytes, not a
 * decoded string and a look-up by it. Names whose hashes collide are decoded each time (rare).
 */
class RoomsByBytes {
  private readonly byHash = new Map<number, { readonly bytes: Uint8Array; readonly index: number }>();

  constructor(
    private readonly builder: MeetingTableBuilder,
    private readonly decoder: TextDecoder,
  ) {}

  /** The builder's index of the room named by `bytes[start..end)`. */
  index(bytes: Uint8Array, start: number, end: number): number {
    const hash = nameHash(bytes, start, end);
    const known = this.byHash.get(hash);
    if (known && sameBytes(known.bytes, bytes, start, end)) return known.index;
    const index = this.builder.roomIndex(this.decoder.decode(bytes.subarray(start, end)));
    if (!known) this.byHash.set(hash, { bytes: bytes.slice(start, end), index });
    return index;
  }
}

/** FNV-1a of `bytes[start..end)`: exported for the test of names that share a hash. */
export function nameHash(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash;
}

function sameBytes(known: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let k = 0; k < known.length; k++) if (known[k] !== bytes[start + k]) return false;
  return true;
}

function same(bytes: readonly number[], wanted: readonly number[]): boolean {
  return bytes.length === wanted.length && bytes.every((byte, i) => byte === wanted[i]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/**
 * A body reader for the transport that reads a usage answer in this thread (tests, small answers,
 * no worker; and inside the report's worker). `onRecords` is told, after each chunk that added
 * records, how many have been read and the table they are read into (to count them as they come).
 */
export function readUsageInThread(onRecords?: (count: number, soFar: MeetingTable) => void): BodyReader<StreamedUsage> {
  let reader: UsageStreamReader | undefined = new UsageStreamReader();
  let told = 0;
  return {
    push(chunk) {
      try {
        reader?.push(chunk);
        const read = reader?.recordsRead ?? 0;
        if (onRecords && reader && read !== told) onRecords((told = read), reader.tableSoFar);
      } catch (error) {
        if (!(error instanceof NotJsonError)) throw error;
        reader = undefined; // not JSON: the rest is not read
      }
    },
    finish() {
      try {
        if (!reader) throw new NotJsonError();
        const kept = reader.finish();
        return Promise.resolve({ json: { ok: true, value: kept.envelope }, kept });
      } catch (error) {
        if (!(error instanceof NotJsonError)) throw error;
        return Promise.resolve({ json: { ok: false }, kept: { envelope: undefined, skipped: 0, parseMs: 0, checkMs: 0 } });
      }
    },
    drop() {
      reader = undefined;
    },
  };
}
