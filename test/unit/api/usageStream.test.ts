/**
 * api/usageStream: reading a usage answer as it arrives gives what reading it whole gives, however
 * the bytes are cut, whatever the records hold, and for every unusual envelope (keys written with
 * escapes, keys seen twice, records nested elsewhere, answers that are not JSON).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseUsageTable, type UsageTable } from '../../../src/api/schema';
import { NotJsonError, UsageStreamReader } from '../../../src/api/usageStream';

/** The text cut into pieces at these byte positions, then read as it would arrive. */
function readInPieces(text: string, cuts: readonly number[] = []): UsageTable {
  const bytes = new TextEncoder().encode(text);
  const reader = new UsageStreamReader();
  let from = 0;
  for (const cut of [...cuts].map((c) => Math.min(c, bytes.length)).sort((a, b) => a - b)) {
    reader.push(bytes.subarray(from, cut));
    from = cut;
  }
  reader.push(bytes.subarray(from));
  const streamed = reader.finish();
  const data = (streamed.envelope as { data?: unknown }).data;
  return parseUsageTable(data, streamed.table && { table: streamed.table, skipped: streamed.skipped });
}

function readWhole(text: string): UsageTable {
  return parseUsageTable((JSON.parse(text) as { data?: unknown }).data);
}

/** Either both throw, or both give the same table. */
function sameAsWhole(text: string, cuts: readonly number[] = []): void {
  let expected: UsageTable | Error;
  try {
    expected = readWhole(text);
  } catch (error) {
    expected = error as Error;
  }
  let actual: UsageTable | Error;
  try {
    actual = readInPieces(text, cuts);
  } catch (error) {
    actual = error as Error;
  }
  if (expected instanceof Error) {
    assert.ok(actual instanceof Error, `read in pieces, ${text.slice(0, 200)} gave a table where reading it whole threw ${expected.message}`);
    if (expected instanceof SyntaxError) assert.ok(actual instanceof NotJsonError, `not JSON, but ${String(actual)}`);
    else assert.equal(actual.message, expected.message);
  } else {
    assert.deepEqual(actual, expected);
  }
}

const record = fc.record({
  roomName: fc.oneof(fc.string(), fc.constantFrom('회의실 1', 'a"b\\c', '[x],{y}', '😀 room', 'r'), fc.integer(), fc.constant(null)),
  sessionTimeSecond: fc.oneof(fc.nat(), fc.constantFrom(-1, '42', '', 'x', 1.5), fc.double()),
  createdAt: fc.oneof(
    fc.integer({ min: 0, max: 2_000_000_000_000 }).map((ms) => new Date(ms).toISOString()),
    fc.constantFrom('2021-02-22T12:39:26.000Z', '2021-02-22 12:39:26', 'not a date', '', '2021-02-30T00:00:00.000Z'),
    fc.integer({ min: 0, max: 2_000_000_000_000 }),
  ),
}, { requiredKeys: [] });
const item = fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

describe('api/usageStream', () => {
  it('reads any records, cut anywhere, as reading the answer whole does', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.array(fc.nat({ max: 4000 }), { maxLength: 12 }),
        fc.boolean(),
        (detail, total, cuts, spaced) => {
          const envelope = { status: true, data: { domain: 'https://d.example', ...(total !== undefined && { totalSecond: total }), detail } };
          sameAsWhole(JSON.stringify(envelope, null, spaced ? 1 : undefined), cuts);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads an answer byte by byte, a Korean name split inside its characters', () => {
    const text = JSON.stringify({ status: true, data: { domain: 'd', totalSecond: 5, detail: [{ roomName: '회의실 가', sessionTimeSecond: 5, createdAt: '2021-02-22T12:39:26.000Z' }] } });
    const cuts = Array.from({ length: new TextEncoder().encode(text).length }, (_, i) => i);
    const table = readInPieces(text, cuts);
    assert.deepEqual(table.table.roomNames, ['회의실 가']);
    assert.deepEqual(table.table.startedAt, [Date.parse('2021-02-22T12:39:26.000Z')]);
  });

  it('parses the records in batches while they arrive, not all at the end', () => {
    const detail = Array.from({ length: 20_000 }, (_, i) => ({ roomName: `room ${i % 7}`, sessionTimeSecond: i, createdAt: '2021-02-22T12:39:26.000Z' }));
    const bytes = new TextEncoder().encode(JSON.stringify({ status: true, data: { domain: 'd', detail } }));
    const reader = new UsageStreamReader();
    reader.push(bytes.subarray(0, bytes.length - 10));
    const before = (reader as unknown as { builder: { build(): { room: unknown[] } } }).builder.build().room.length;
    assert.ok(before > 10_000, `only ${before} records were read before the last bytes`);
    reader.push(bytes.subarray(bytes.length - 10));
    assert.equal(reader.finish().table?.room.length, 20_000);
  });

  it('reads records in the document\'s own form straight from the bytes, and every near miss as JSON.parse does', () => {
    const documented = '{"roomName":"회의실 1","sessionTimeSecond":42,"createdAt":"2021-02-22T12:39:26.000Z"}';
    const nearMisses = [
      '{"roomName":"a\\"b","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}', // an escaped quote
      '{"roomName":"a\\nb","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}', // an escape
      '{"roomName":"a","sessionTimeSecond":1234567890123456,"createdAt":"2021-02-22T12:39:26.000Z"}', // 16 digits
      `{"roomName":"a","sessionTimeSecond":${'9'.repeat(400)},"createdAt":"2021-02-22T12:39:26.000Z"}`, // Infinity as a double
      '{"roomName":"a","sessionTimeSecond":-1,"createdAt":"2021-02-22T12:39:26.000Z"}',
      '{"roomName":"a","sessionTimeSecond":1.5,"createdAt":"2021-02-22T12:39:26.000Z"}',
      '{"roomName":"a","sessionTimeSecond":"7","createdAt":"2021-02-22T12:39:26.000Z"}',
      '{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-30T12:39:26.000Z"}', // no such day
      '{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22 12:39:26"}',
      '{"sessionTimeSecond":1,"roomName":"a","createdAt":"2021-02-22T12:39:26.000Z"}', // another order
      '{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z","roomName":"b"}', // a key twice
      '{ "roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}', // white space
      '{"roomName":"a\u0001","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}', // a control character: not JSON
      '', // no record between two commas: not JSON
    ];
    const answer = (records: readonly string[]) => `{"status":true,"data":{"domain":"d","detail":[${records.join(',')}]}}`;
    const reader = new UsageStreamReader();
    reader.push(new TextEncoder().encode(answer([documented, documented])));
    assert.equal(reader.finish().checkMs, 0, 'the document\'s form needs no record checks');
    for (const nearMiss of nearMisses) sameAsWhole(answer([documented, nearMiss, documented]));
  });

  const unusual: Record<string, string> = {
    'keys written with escapes': '{"status":true,"d\\u0061ta":{"d\\u0065tail":[{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}]}}',
    'a second detail that is null': '{"status":true,"data":{"detail":[{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}],"detail":null}}',
    'a second detail that is a number': '{"status":true,"data":{"detail":[{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}],"detail":5}}',
    'a second detail with other records': '{"status":true,"data":{"detail":[{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}],"detail":[{"roomName":"b","sessionTimeSecond":2,"createdAt":"2021-02-22T12:39:26.000Z"}]}}',
    'a second data without records': '{"status":true,"data":{"detail":[{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}]},"data":{"domain":"x"}}',
    'a detail nested deeper': '{"status":true,"data":{"other":{"detail":[{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}]}}}',
    'a detail beside data': '{"status":true,"detail":[{"roomName":"a"}],"data":{"detail":[]}}',
    '"data" as a string value': '{"status":true,"x":"data","data":{"detail":[{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}]}}',
    'a detail that is an object': '{"status":true,"data":{"detail":{"roomName":"a"}}}',
    'no detail': '{"status":true,"data":{"domain":"d","totalSecond":3}}',
    'an empty detail': '{"status":true,"data":{"detail":[ ]}}',
    'a trailing comma in the records': '{"status":true,"data":{"detail":[{"roomName":"a"},]}}',
    'a missing record between commas': '{"status":true,"data":{"detail":[{"roomName":"a"},,{"roomName":"b"}]}}',
    'a record that is not JSON': '{"status":true,"data":{"detail":[{"roomName":"a"},{roomName:"b"}]}}',
    'cut short inside the records': '{"status":true,"data":{"detail":[{"roomName":"a"},{"roomName":"b"',
    'cut short after the records': '{"status":true,"data":{"detail":[{"roomName":"a"}]',
    'an answer that is an array': '[{"data":{"detail":[]}}]',
    'HTML': '<html><body>Bad gateway</body></html>',
    'empty': '',
    'status false': '{"status":false,"message":"no"}',
  };
  for (const [name, text] of Object.entries(unusual)) {
    it(`reads ${name} as reading it whole does`, () => {
      sameAsWhole(text);
      sameAsWhole(text, [1, 7, 20, 33, 60]);
    });
  }
});
