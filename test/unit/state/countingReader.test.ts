/**
 * state/countingReader: reading an answer while counting it tells how far it has come, the figures
 * so far at once for the first records and then spaced out, and counts the same totals as counting
 * the whole table afterwards.
 */
import * as assert from 'node:assert/strict';
import { aggregate } from '../../../src/report/aggregate';
import type { TotalsSoFar } from '../../../src/shared/reportTypes';
import { countingReader, PROGRESS_MS, SO_FAR_MAX_MS, SO_FAR_MS } from '../../../src/state/countingReader';

const RANGE = { start: '2021-02-20', end: '2021-02-25' };
const COUNTING = { range: RANGE, timeZone: 'Asia/Seoul', limit: { roomLimit: 5, warningPercent: 80 } };

/**
 * An answer of `pieces` × PER_PIECE records, one every 10 s from 2021-02-22 00:00 UTC, in three
 * rooms, cut into pieces of PER_PIECE records: each piece is more than the reader's batch (256 KB),
 * so that every piece adds records read.
 */
function answerInPieces(pieces: number): Uint8Array[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  const record = (i: number) => JSON.stringify({ roomName: `room ${i % 3}`, sessionTimeSecond: 60 + (i % 500), createdAt: new Date(Date.parse('2021-02-22T00:00:00Z') + i * 10_000).toISOString() });
  const piece = (p: number) => Array.from({ length: PER_PIECE }, (_, k) => p * PER_PIECE + k).map((i) => `${i > 0 ? ',' : ''}${record(i)}`).join('');
  return [
    encode('{"status":true,"data":{"domain":"d","totalSecond":0,"detail":['),
    ...Array.from({ length: pieces }, (_, p) => encode(piece(p))),
    encode(']}}'),
  ];
}
const PER_PIECE = 3_500;

describe('state/countingReader', () => {
  it('tells the figures of the first records at once, then after SO_FAR_MS, twice that and so on up to SO_FAR_MAX_MS, and a count alone at most every PROGRESS_MS', async () => {
    let clock = 1_000;
    const told: { records: number; soFar?: TotalsSoFar; at: number }[] = [];
    const { reader, totals } = countingReader(COUNTING, (records, soFar) => told.push({ records, ...(soFar && { soFar }), at: clock }), () => clock);
    for (const piece of answerInPieces(60)) {
      reader.push(piece);
      clock += 60;
    }
    const { kept } = await reader.finish();
    const withFigures = told.filter((news) => news.soFar);
    assert.ok(told[0]!.records > 0 && told[0]!.records <= PER_PIECE, 'the first records read are told at once');
    assert.ok(told[0]!.soFar, 'with their figures');
    // Read every 60 ms for 3.6 s: told at once, then after at least 250, 500, 1000, 1000, … ms.
    assert.ok(withFigures.length >= 5, `figures told ${withFigures.length} times`);
    const gaps = withFigures.slice(1).map((news, i) => news.at - withFigures[i]!.at);
    gaps.forEach((gap, i) => assert.ok(gap >= Math.min(SO_FAR_MAX_MS, SO_FAR_MS * 2 ** i), `gap ${i + 1}: ${gap} ms`));
    assert.ok(gaps[0]! < 2 * SO_FAR_MS, `the second figures come after about SO_FAR_MS (${gaps[0]} ms)`);
    assert.ok(gaps.at(-1)! < SO_FAR_MAX_MS + 100, `then about once a second (${gaps.at(-1)} ms)`);
    for (let i = 1; i < told.length; i++) if (!told[i]!.soFar) assert.ok(told[i]!.at - told[i - 1]!.at >= PROGRESS_MS, 'a count alone waits PROGRESS_MS after the last news');
    assert.ok(told.length > withFigures.length, 'counts come between the figures');
    // Each figure so far is that of the records read when it was told.
    const table = kept.table!;
    for (const { records, soFar } of withFigures) {
      const read = { roomNames: table.roomNames, room: Array.from(table.room).slice(0, records), startedAt: Array.from(table.startedAt).slice(0, records), seconds: Array.from(table.seconds).slice(0, records) };
      const whole = aggregate(read, RANGE, 'Asia/Seoul');
      assert.deepEqual(soFar, { summary: whole.summary, perDay: whole.perDay });
    }
    assert.deepEqual(totals(table), aggregate(table, RANGE, 'Asia/Seoul', COUNTING.limit));
  });

  it('only tells the count when it does not count, and then has no totals', async () => {
    let clock = 0;
    const told: unknown[] = [];
    const { reader, totals } = countingReader(undefined, (...news) => told.push(news), () => clock);
    for (const piece of answerInPieces(6)) {
      reader.push(piece);
      clock += 60;
    }
    const { kept } = await reader.finish();
    // Read at 0, 60, 120, … ms, the last records when the answer ends at 360 ms: told at 0, 120, 240 and 360, each time the count alone.
    assert.equal(told.length, 4);
    assert.ok(told.every((news) => Array.isArray(news) && news.length === 1 && typeof news[0] === 'number'));
    assert.equal(totals(kept.table!), undefined);
  });
});
