/**
 * The stages of one usage report, from the command to the page's drawing, as one log line: the
 * log tells where a slow report spent its time, and the benchmark reads the same line. Each stage
 * in milliseconds; parsing and checking overlap the download, so they are given apart and
 * `reading after the last byte` is what they added to the wait.
 */
import type { LoadTiming } from './usageReport';

export interface PageTiming {
  /** Epoch milliseconds (shared/protocol.ts epochNow) on both sides. */
  readonly postedAt: number;
  readonly receivedAt: number;
  readonly drawnAt: number;
}

/** The stages' names in the order of the walk, as the line writes them. */
export const STAGES = [
  'range chosen to request',
  'request to first byte',
  'body read',
  'parse',
  'checks',
  'reading after the last byte',
  'model and totals',
  'message posted',
  'message received by the page',
  'drawn and painted',
] as const;

export type Stage = (typeof STAGES)[number];

/** Extra figures of a stages line that are instants (epoch milliseconds), not lengths. */
export const CHOSEN_AT = 'range chosen at (epoch)';
export const DRAWN_AT = 'drawn at (epoch)';
/** Extra figures of a table's line: the extension host's longest gap between two turns while it loaded, and its thread's CPU time in it (state/loadWatch.ts). */
export const LONGEST_GAP = 'longest gap between turns';
export const GAP_CPU = 'thread CPU in that gap';
/**
 * Extra figures of a summary's line, from the range chosen: when a new page said it was ready (it
 * opens beside the request), and when the first figures of the meetings read so far were told.
 */
export const PAGE_READY = 'page ready, from the range chosen';
export const FIRST_SO_FAR = 'first figures so far, from the range chosen';
/** Extra figures of a line: where `reading after the last byte` went when the report's worker read the answer (api/usageStream.ts ReadingTail). */
export const TAIL_BEHIND = 'after the last byte: the worker still reading what came before';
export const TAIL_WORK = 'after the last byte: the worker counting the rest, the wire form';
export const TAIL_BACK = 'after the last byte: the table back to the extension host';

/** The extra figures of where a load's time after the last byte went, when it is known. */
export function tailFigures(load: LoadTiming): Record<string, number> {
  const { tail } = load;
  return tail ? { [TAIL_BEHIND]: tail.behindMs, [TAIL_WORK]: tail.workMs, [TAIL_BACK]: tail.backMs } : {};
}

export function stagesOf(load: LoadTiming, page: PageTiming, origin = performance.timeOrigin): Record<Stage, number> {
  const epoch = (t: number) => origin + t;
  return {
    'range chosen to request': load.sent - load.asked,
    'request to first byte': load.firstByte - load.sent,
    'body read': load.lastByte - load.firstByte,
    parse: load.parseMs,
    checks: load.checkMs,
    'reading after the last byte': load.parsed - load.lastByte,
    'model and totals': load.counted - load.parsed,
    'message posted': page.postedAt - epoch(load.counted),
    'message received by the page': page.receivedAt - page.postedAt,
    'drawn and painted': page.drawnAt - page.receivedAt,
  };
}

/** `Usage report stages (summary, 100,000 meetings): to request 1.2 ms; request to first byte 80.3 ms; …` */
export function stagesLine(part: 'summary' | 'table', meetings: number, stages: Record<Stage, number>, extra: Readonly<Record<string, number>> = {}): string {
  const figures = [...STAGES.map((stage) => [stage, stages[stage]] as const), ...Object.entries(extra)];
  return `Usage report stages (${part}, ${meetings} meetings): ${figures.map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`).join('; ')}`;
}

/** `Usage report memory (100000 meetings): extension host heap peak 123.4 MB` */
export function memoryLine(meetings: number, heapPeakBytes: number): string {
  return `Usage report memory (${meetings} meetings): extension host heap peak ${(heapPeakBytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The heap peak of a memory line, in MB; undefined for another line. */
export function parseMemoryLine(line: string): { meetings: number; heapPeakMb: number } | undefined {
  const match = /Usage report memory \((\d+) meetings\): extension host heap peak ([\d.]+) MB$/.exec(line);
  return match ? { meetings: Number(match[1]), heapPeakMb: Number(match[2]) } : undefined;
}

/** The figures of a stages line, by name; undefined for another line. */
export function parseStagesLine(line: string): { part: string; meetings: number; figures: Record<string, number> } | undefined {
  const match = /Usage report stages \((summary|table), (\d+) meetings\): (.*)$/.exec(line);
  if (!match) return undefined;
  const figures: Record<string, number> = {};
  for (const figure of match[3]!.split('; ')) {
    const parts = /^(.*) (-?[\d.]+) ms$/.exec(figure);
    if (parts) figures[parts[1]!] = Number(parts[2]);
  }
  return { part: match[1]!, meetings: Number(match[2]), figures };
}

/**
 * When the user asked on the page (its click or Enter, epoch ms), as this thread's performance.now():
 * the message's own arrival when the page gave no time, or one that cannot be a click's (later than
 * the arrival, or more than a second before it).
 */
export function askedOnPage(askedAt: number | undefined, received: number, origin = performance.timeOrigin): number {
  if (askedAt === undefined) return received;
  const asked = askedAt - origin;
  return asked <= received && asked >= received - 1000 ? asked : received;
}
