/**
 * api/documentedRecord: a record in the API document's own form is read from its bytes exactly as
 * JSON.parse and Date.parse read its text, and anything else is left to the general path.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type DocumentedRecord, readDocumentedRecord } from '../../../src/api/documentedRecord';
import { nameHash, UsageStreamReader } from '../../../src/api/usageStream';

const encode = (text: string) => new TextEncoder().encode(text);
const documented = (name: string, seconds: string, start: string) => `{"roomName":"${name}","sessionTimeSecond":${seconds},"createdAt":"${start}"}`;

function read(text: string, at = 0): DocumentedRecord | undefined {
  const into: DocumentedRecord = { end: -1, nameStart: -1, nameEnd: -1, seconds: -1, startedAt: -1 };
  return readDocumentedRecord(encode(text), at, into) ? into : undefined;
}

describe('api/documentedRecord', () => {
  it('reads any plain name, whole number and real instant as JSON.parse and Date.parse do', () => {
    const plainName = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((name) => [...name].every((c) => c !== '"' && c !== '\\' && c >= ' '));
    fc.assert(
      fc.property(
        plainName,
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        fc.date({ min: new Date('0100-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
        fc.string({ maxLength: 3 }),
        (name, seconds, start, before) => {
          const text = documented(name, String(seconds), start.toISOString());
          const bytes = encode(before + text + ',');
          const at = encode(before).length;
          const into: DocumentedRecord = { end: -1, nameStart: -1, nameEnd: -1, seconds: -1, startedAt: -1 };
          assert.ok(readDocumentedRecord(bytes, at, into), text);
          const parsed = JSON.parse(text) as { roomName: string; sessionTimeSecond: number; createdAt: string };
          assert.equal(new TextDecoder().decode(bytes.subarray(into.nameStart, into.nameEnd)), parsed.roomName);
          assert.equal(into.seconds, parsed.sessionTimeSecond);
          assert.equal(into.startedAt, Date.parse(parsed.createdAt));
          assert.equal(into.end, at + encode(text).length, 'just past the closing brace');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads the leap days there are, and leaves every other form to the general path', () => {
    assert.equal(read(documented('a', '0', '2024-02-29T23:59:59.999Z'))?.startedAt, Date.parse('2024-02-29T23:59:59.999Z'));
    assert.equal(read(documented('a', '0', '2000-02-29T00:00:00.000Z'))?.startedAt, Date.parse('2000-02-29T00:00:00.000Z'));
    assert.equal(read(documented('a', '999999999999999', '2021-02-22T12:39:26.000Z'))?.seconds, 999_999_999_999_999);
    const others = {
      'an escape in the name': documented('a\\"b', '1', '2021-02-22T12:39:26.000Z'),
      'a control character': documented('a\u0001', '1', '2021-02-22T12:39:26.000Z'),
      '16 digits': documented('a', '1234567890123456', '2021-02-22T12:39:26.000Z'),
      'a leading zero': documented('a', '01', '2021-02-22T12:39:26.000Z'),
      'no digits': documented('a', '', '2021-02-22T12:39:26.000Z'),
      'a fraction': documented('a', '1.5', '2021-02-22T12:39:26.000Z'),
      'a minus': documented('a', '-1', '2021-02-22T12:39:26.000Z'),
      'a string of seconds': documented('a', '"1"', '2021-02-22T12:39:26.000Z'),
      'no such day': documented('a', '1', '2021-02-30T12:39:26.000Z'),
      'no leap day that year': documented('a', '1', '2021-02-29T12:39:26.000Z'),
      'no leap day in 1900': documented('a', '1', '1900-02-29T12:39:26.000Z'),
      'day 0': documented('a', '1', '2021-02-00T12:39:26.000Z'),
      'month 13': documented('a', '1', '2021-13-01T12:39:26.000Z'),
      'hour 24': documented('a', '1', '2021-02-22T24:00:00.000Z'),
      'minute 60': documented('a', '1', '2021-02-22T23:60:00.000Z'),
      'second 60': documented('a', '1', '2021-02-22T23:59:60.000Z'),
      'a year below 100': documented('a', '1', '0099-02-22T12:39:26.000Z'),
      'a letter in the date': documented('a', '1', '2021-0x-22T12:39:26.000Z'),
      'a space for the T': documented('a', '1', '2021-02-22 12:39:26.000Z'),
      'an offset': documented('a', '1', '2021-02-22T12:39:26.000+09:00'),
      'no milliseconds': documented('a', '1', '2021-02-22T12:39:26Z'),
      'another key order': '{"sessionTimeSecond":1,"roomName":"a","createdAt":"2021-02-22T12:39:26.000Z"}',
      'white space': '{ "roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"}',
      'a key more': '{"roomName":"a","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z","x":1}',
    };
    for (const [what, text] of Object.entries(others)) assert.equal(read(text), undefined, what);
  });

  it('reads no record cut short, wherever the bytes end', () => {
    const text = documented('회의실', '42', '2021-02-22T12:39:26.000Z');
    const bytes = encode(text);
    const into: DocumentedRecord = { end: -1, nameStart: -1, nameEnd: -1, seconds: -1, startedAt: -1 };
    for (let length = 0; length < bytes.length; length++) assert.equal(readDocumentedRecord(bytes.subarray(0, length), 0, into), false, `${length} bytes`);
    assert.equal(readDocumentedRecord(bytes, 0, into), true);
  });

  it('keeps two rooms apart whose names share a hash, in the reader', () => {
    // Two names with the same FNV-1a hash, found the way a birthday search finds them.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const name = `room ${i}`;
      const bytes = encode(name);
      const hash = nameHash(bytes, 0, bytes.length);
      const other = seen.get(hash);
      if (other !== undefined) pair = [other, name];
      else seen.set(hash, name);
    }
    const [first, second] = pair;
    const records = [first, second, first, second].map((name, i) => documented(name, String(i), '2021-02-22T12:39:26.000Z'));
    const reader = new UsageStreamReader();
    reader.push(encode(`{"status":true,"data":{"detail":[${records.join(',')}]}}`));
    const table = reader.finish().table!;
    assert.deepEqual(Array.from(table.room, (r) => table.roomNames[r]), [first, second, first, second]);
  });
});
