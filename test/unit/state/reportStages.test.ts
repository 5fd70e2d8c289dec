/** state/reportStages: each stage is the time between its two marks, and the bench reads back exactly what the log line says. */
import * as assert from 'node:assert/strict';
import { askedOnPage, memoryLine, parseMemoryLine, parseStagesLine, STAGES, stagesLine, stagesOf, TAIL_BACK, TAIL_BEHIND, TAIL_WORK, tailFigures } from '../../../src/state/reportStages';

const LOAD = { asked: 100, sent: 101.5, firstByte: 181.5, lastByte: 241.5, parsed: 300, parseMs: 40, checkMs: 35, counted: 420 };
const ORIGIN = 1_700_000_000_000;
const PAGE = { postedAt: ORIGIN + 425, receivedAt: ORIGIN + 455, drawnAt: ORIGIN + 505 };

describe('state/reportStages', () => {
  it('measures each stage between its marks, the page\'s in epoch time against the host\'s clock', () => {
    assert.deepEqual(stagesOf(LOAD, PAGE, ORIGIN), {
      'range chosen to request': 1.5,
      'request to first byte': 80,
      'body read': 60,
      parse: 40,
      checks: 35,
      'reading after the last byte': 58.5,
      'model and totals': 120,
      'message posted': 5,
      'message received by the page': 30,
      'drawn and painted': 50,
    });
  });

  it('writes one line the bench reads back, every stage in the order of the walk', () => {
    const line = stagesLine('table', 100_004, stagesOf(LOAD, PAGE, ORIGIN), { 'longest event-loop block': 12.25 });
    assert.match(line, /^Usage report stages \(table, 100004 meetings\): range chosen to request 1\.5 ms; request to first byte 80\.0 ms; /);
    const read = parseStagesLine(`2026-12-07 14:00:00.000 [info] ${line}`);
    assert.equal(read?.part, 'table');
    assert.equal(read?.meetings, 100_004);
    assert.deepEqual(Object.keys(read?.figures ?? {}), [...STAGES, 'longest event-loop block']);
    assert.equal(read?.figures['reading after the last byte'], 58.5);
    assert.equal(read?.figures['longest event-loop block'], 12.3);
  });

  it('says where the time after the last byte went when the worker read the answer, and nothing when no worker did', () => {
    const line = stagesLine('summary', 4, stagesOf(LOAD, PAGE, ORIGIN), tailFigures({ ...LOAD, tail: { behindMs: 31.25, workMs: 20, backMs: 7.5 } }));
    const figures = parseStagesLine(line)?.figures ?? {};
    assert.deepEqual([figures[TAIL_BEHIND], figures[TAIL_WORK], figures[TAIL_BACK]], [31.3, 20, 7.5]);
    assert.deepEqual(tailFigures(LOAD), {});
  });

  it('writes the heap peak in a line of its own, which the bench reads back in MB', () => {
    const line = memoryLine(500_000, 123.45 * 1024 * 1024);
    assert.equal(line, 'Usage report memory (500000 meetings): extension host heap peak 123.5 MB');
    assert.deepEqual(parseMemoryLine(`2026-12-07 14:00:00.000 [info] ${line}`), { meetings: 500_000, heapPeakMb: 123.5 });
    assert.equal(parseMemoryLine('2026-12-07 [info] Usage report stages (table, 4 meetings): drawn and painted 1.0 ms'), undefined);
  });

  it('reads no figures from another line', () => {
    assert.equal(parseStagesLine('2026-12-07 [info] Usage report 2021-02-20..2021-02-25: 4 meetings'), undefined);
  });

  it('starts a report asked on the page at its click, on the host\'s clock, and at the message for a time that cannot be a click\'s', () => {
    const received = 5_000;
    assert.equal(askedOnPage(ORIGIN + 4_940, received, ORIGIN), 4_940, 'the click, 60 ms before its message came');
    assert.equal(askedOnPage(ORIGIN + 5_000, received, ORIGIN), 5_000);
    assert.equal(askedOnPage(ORIGIN + 4_000, received, ORIGIN), 4_000, 'a second before is still a click');
    assert.equal(askedOnPage(ORIGIN + 3_999, received, ORIGIN), received, 'longer before is not');
    assert.equal(askedOnPage(ORIGIN + 5_001, received, ORIGIN), received, 'after the message came is not');
    assert.equal(askedOnPage(undefined, received, ORIGIN), received);
  });
});
