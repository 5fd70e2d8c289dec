import * as assert from 'node:assert/strict';
import { toMeetingTable } from '../../../src/report/aggregate';
import { concurrencySteps } from '../../../src/report/concurrency';
import { exportFileName, formatDuration, formatInstant, toConcurrencyCsv, toCsv, toJson } from '../../../src/report/exportFile';

const HTML_NAME = '<img src=x onerror=alert(1)>';

/** Rows 0..12, names that CSV, spreadsheets and HTML each find awkward. */
const TABLE = toMeetingTable([
  { roomName: 'plain', createdAt: '2021-02-22T12:39:26.000Z', seconds: 42936 },
  { roomName: 'a,b', createdAt: '2021-02-22T04:45:20.000Z', seconds: 1481 },
  { roomName: 'say "hi"', createdAt: '2021-02-22T00:12:58.000Z', seconds: 4924 },
  { roomName: 'line1\nline2', createdAt: '2021-02-21T02:34:52.000Z', seconds: 610 },
  { roomName: '샘플 회의실', createdAt: '2021-02-21T15:00:00.000Z', seconds: 0 },
  { roomName: '=SUM(A1)', createdAt: '2021-02-23T01:02:03.000Z', seconds: 90061 },
  { roomName: HTML_NAME, createdAt: '2021-02-23T14:59:59.999Z', seconds: 59 },
  { roomName: '-5', createdAt: '2021-02-24T00:00:00.000Z', seconds: 1 },
  { roomName: '@x', createdAt: '2021-02-24T00:00:00.000Z', seconds: 1 },
  { roomName: '+1', createdAt: '2021-02-24T00:00:00.000Z', seconds: 1 },
  { roomName: '\tTab', createdAt: '2021-02-24T00:00:00.000Z', seconds: 1 },
  { roomName: '=a,"b"', createdAt: '2021-02-24T00:00:00.000Z', seconds: 1 },
  { roomName: '\rstart', createdAt: '2021-02-24T00:00:00.000Z', seconds: 1 },
]);
const ALL_ROWS = Array.from(TABLE.room, (_, i) => i);
/** The last year a test took for its own; from 2401 on, no other test asks about them. */
let freshYear = 2400;
const RANGE = { start: '2021-02-20', end: '2021-02-25' };

describe('report/exportFile', () => {
  describe('formatDuration', () => {
    it('writes h:mm:ss, hours past 24 included', () => {
      assert.equal(formatDuration(42936), '11:55:36');
      assert.equal(formatDuration(610), '0:10:10');
      assert.equal(formatDuration(90061), '25:01:01');
      assert.equal(formatDuration(0), '0:00:00');
      assert.equal(formatDuration(59), '0:00:59');
      assert.equal(formatDuration(3600), '1:00:00');
      assert.equal(formatDuration(360_000), '100:00:00');
    });

    it('rounds fractions and treats what is not a length as none', () => {
      assert.equal(formatDuration(59.6), '0:01:00');
      assert.equal(formatDuration(1.4), '0:00:01');
      assert.equal(formatDuration(-5), '0:00:00');
      assert.equal(formatDuration(Number.NaN), '0:00:00');
    });
  });

  describe('formatInstant', () => {
    it("writes the zone's wall clock, 24-hour, without milliseconds", () => {
      const ms = Date.parse('2021-02-22T12:39:26.000Z');
      assert.equal(formatInstant(ms, 'UTC'), '2021-02-22 12:39:26');
      assert.equal(formatInstant(ms, 'Asia/Seoul'), '2021-02-22 21:39:26');
      assert.equal(formatInstant(ms, 'Asia/Kathmandu'), '2021-02-22 18:24:26');
      assert.equal(formatInstant(ms, 'America/St_Johns'), '2021-02-22 09:09:26');
      assert.equal(formatInstant(Date.parse('2021-02-23T14:59:59.999Z'), 'Asia/Seoul'), '2021-02-23 23:59:59');
      assert.equal(formatInstant(Date.parse('2021-02-21T15:00:00.000Z'), 'Asia/Seoul'), '2021-02-22 00:00:00');
    });

    it('writes every day of a year no earlier run has asked about, as UTC dates do', () => {
      // Day texts are cached for the life of the process: each run takes a year of its own, so that
      // every text is worked out here rather than looked up.
      const year = ++freshYear;
      for (let ms = Date.UTC(year, 0, 1, 23, 59, 58); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
        assert.equal(formatInstant(ms, 'UTC'), `${new Date(ms).toISOString().slice(0, 10)} 23:59:58`);
      }
    });

    it('follows daylight saving and works before 1970', () => {
      assert.equal(formatInstant(Date.parse('2021-03-14T06:59:59Z'), 'America/New_York'), '2021-03-14 01:59:59');
      assert.equal(formatInstant(Date.parse('2021-03-14T07:00:00Z'), 'America/New_York'), '2021-03-14 03:00:00');
      assert.equal(formatInstant(Date.parse('1969-12-31T23:59:59.500Z'), 'UTC'), '1969-12-31 23:59:59');
    });
  });

  describe('toCsv', () => {
    it('writes every row exactly: quoting, doubled quotes, newlines, Korean, formula guard, HTML as text', () => {
      const expected =
        '\uFEFF' +
        'Room,Started (Asia/Seoul),Duration (s),Duration\r\n' +
        'plain,2021-02-22 21:39:26,42936,11:55:36\r\n' +
        '"a,b",2021-02-22 13:45:20,1481,0:24:41\r\n' +
        '"say ""hi""",2021-02-22 09:12:58,4924,1:22:04\r\n' +
        '"line1\nline2",2021-02-21 11:34:52,610,0:10:10\r\n' +
        '샘플 회의실,2021-02-22 00:00:00,0,0:00:00\r\n' +
        "'=SUM(A1),2021-02-23 10:02:03,90061,25:01:01\r\n" +
        '<img src=x onerror=alert(1)>,2021-02-23 23:59:59,59,0:00:59\r\n' +
        "'-5,2021-02-24 09:00:00,1,0:00:01\r\n" +
        "'@x,2021-02-24 09:00:00,1,0:00:01\r\n" +
        "'+1,2021-02-24 09:00:00,1,0:00:01\r\n" +
        "'\tTab,2021-02-24 09:00:00,1,0:00:01\r\n" +
        '"\'=a,""b""",2021-02-24 09:00:00,1,0:00:01\r\n' +
        '"\'\rstart",2021-02-24 09:00:00,1,0:00:01\r\n';
      assert.equal(toCsv(TABLE, ALL_ROWS, 'Asia/Seoul'), expected);
    });

    it('starts with a byte-order mark and ends every line with CRLF', () => {
      const csv = toCsv(TABLE, [0, 1, 2, 4, 5, 6], 'UTC');
      assert.ok(csv.startsWith('\uFEFFRoom,Started (UTC),'));
      assert.ok(csv.endsWith('\r\n'));
      assert.equal((csv.match(/\r\n/g) ?? []).length, 7, 'header and six rows');
      assert.equal((csv.match(/\n/g) ?? []).length, 7, 'no bare LF');
      assert.equal((csv.match(/\r/g) ?? []).length, 7, 'no bare CR');
      assert.equal(new TextDecoder().decode(new TextEncoder().encode(csv)).includes('샘플 회의실'), true);
    });

    it('writes the given rows in the given order, and a header alone for none', () => {
      const csv = toCsv(TABLE, [5, 0], 'UTC');
      assert.deepEqual(csv.split('\r\n').slice(1), ["'=SUM(A1),2021-02-23 01:02:03,90061,25:01:01", 'plain,2021-02-22 12:39:26,42936,11:55:36', '']);
      assert.equal(toCsv(TABLE, [], 'UTC'), '\uFEFFRoom,Started (UTC),Duration (s),Duration\r\n');
    });
  });

  describe('toJson', () => {
    it('writes pretty JSON that reads back with every field', () => {
      const exportedAt = Date.parse('2021-02-26T01:02:03.456Z');
      const text = toJson(TABLE, [6, 4, 0], { range: RANGE, timeZone: 'Asia/Seoul', filter: '', exportedAt, domain: 'trial' });
      assert.ok(text.startsWith('{\n  "domain": "trial",\n  "range": {\n    "start": "2021-02-20",'), '2-space indentation');
      assert.ok(text.endsWith('}\n'));
      const parsed = JSON.parse(text) as Record<string, unknown>;
      assert.deepEqual(Object.keys(parsed), ['domain', 'range', 'timeZone', 'filter', 'exportedAt', 'meetings']);
      assert.deepEqual(parsed, {
        domain: 'trial',
        range: { start: '2021-02-20', end: '2021-02-25' },
        timeZone: 'Asia/Seoul',
        filter: '',
        exportedAt: '2021-02-26T01:02:03.456Z',
        meetings: [
          { roomName: HTML_NAME, startedAt: '2021-02-23T14:59:59.999Z', startedLocal: '2021-02-23 23:59:59', seconds: 59 },
          { roomName: '샘플 회의실', startedAt: '2021-02-21T15:00:00.000Z', startedLocal: '2021-02-22 00:00:00', seconds: 0 },
          { roomName: 'plain', startedAt: '2021-02-22T12:39:26.000Z', startedLocal: '2021-02-22 21:39:26', seconds: 42936 },
        ],
      });
    });

    it('says which room and filter the meetings were chosen by', () => {
      const table = toMeetingTable([{ roomName: 'line1\nline2 "q"', createdAt: '2021-02-21T02:34:52.000Z', seconds: 610 }], 'line1\nline2 "q"');
      const parsed = JSON.parse(toJson(table, [0], { range: RANGE, timeZone: 'UTC', room: 'line1\nline2 "q"', filter: 'line', exportedAt: 0, domain: 'd' })) as {
        room: string;
        filter: string;
        exportedAt: string;
        meetings: { roomName: string; startedLocal: string }[];
      };
      assert.equal(parsed.room, 'line1\nline2 "q"');
      assert.equal(parsed.filter, 'line');
      assert.equal(parsed.exportedAt, '1970-01-01T00:00:00.000Z');
      assert.deepEqual(parsed.meetings.map((m) => [m.roomName, m.startedLocal]), [['line1\nline2 "q"', '2021-02-21 02:34:52']]);
    });

    it('writes an empty list of meetings when there are none', () => {
      const parsed = JSON.parse(toJson(TABLE, [], { range: RANGE, timeZone: 'UTC', filter: 'zzz', exportedAt: 0, domain: 'trial' })) as { meetings: unknown[] };
      assert.deepEqual(parsed.meetings, []);
    });
  });

  describe('exportFileName', () => {
    it('names the range and the format', () => {
      assert.equal(exportFileName(RANGE, 'csv'), 's-connector-usage_2021-02-20_2021-02-25.csv');
      assert.equal(exportFileName(RANGE, 'json'), 's-connector-usage_2021-02-20_2021-02-25.json');
    });

    it('puts in a slug of the room, keeping letters and digits of any script', () => {
      const name = (room: string) => exportFileName(RANGE, 'csv', room);
      assert.equal(name('gsdagd'), 's-connector-usage_gsdagd_2021-02-20_2021-02-25.csv');
      assert.equal(name('샘플 회의실'), 's-connector-usage_샘플-회의실_2021-02-20_2021-02-25.csv');
      assert.equal(name('Team A/B?'), 's-connector-usage_Team-A-B_2021-02-20_2021-02-25.csv');
      assert.equal(name(HTML_NAME), 's-connector-usage_img-src-x-onerror-alert-1_2021-02-20_2021-02-25.csv');
      assert.equal(name('100% <done> #1'), 's-connector-usage_100-done-1_2021-02-20_2021-02-25.csv');
      assert.equal(name('🎥 standup'), 's-connector-usage_standup_2021-02-20_2021-02-25.csv');
      assert.equal(name('..\\..\\etc/passwd'), 's-connector-usage_etc-passwd_2021-02-20_2021-02-25.csv');
      assert.equal(name('Équipe Ñ'), 's-connector-usage_Équipe-Ñ_2021-02-20_2021-02-25.csv');
    });

    it('cuts the slug at 40 characters without a dash at the end, and names a room with no letters "room"', () => {
      const long = exportFileName(RANGE, 'csv', `${'a'.repeat(39)} b${'c'.repeat(30)}`);
      assert.equal(long, `s-connector-usage_${'a'.repeat(39)}_2021-02-20_2021-02-25.csv`);
      const korean = exportFileName(RANGE, 'csv', '회의'.repeat(30));
      assert.equal(korean, `s-connector-usage_${'회의'.repeat(20)}_2021-02-20_2021-02-25.csv`);
      assert.equal(exportFileName(RANGE, 'csv', '#?%/'), 's-connector-usage_room_2021-02-20_2021-02-25.csv');
      assert.equal(exportFileName(RANGE, 'csv', ''), 's-connector-usage_room_2021-02-20_2021-02-25.csv');
    });
  });
});

describe('report/exportFile concurrency', () => {
  it('writes one row per change of the count, each until the next, in the zone and in UTC', () => {
    const table = toMeetingTable([
      { roomName: 'a', seconds: 3600, createdAt: '2021-02-22T00:00:00Z' },
      { roomName: 'b', seconds: 1800, createdAt: '2021-02-22T00:30:00Z' },
    ]);
    const steps = concurrencySteps(table, { start: Date.parse('2021-02-21T15:00:00Z'), end: Date.parse('2021-02-22T15:00:00Z') });
    assert.equal(toConcurrencyCsv(steps, 'Asia/Seoul'), '\uFEFF' + [
      'Start (Asia/Seoul),End (Asia/Seoul),Start (UTC),Rooms,Seconds',
      '2021-02-22 00:00:00,2021-02-22 09:00:00,2021-02-21T15:00:00.000Z,0,32400',
      '2021-02-22 09:00:00,2021-02-22 09:30:00,2021-02-22T00:00:00.000Z,1,1800',
      '2021-02-22 09:30:00,2021-02-22 10:00:00,2021-02-22T00:30:00.000Z,2,1800',
      '2021-02-22 10:00:00,2021-02-23 00:00:00,2021-02-22T01:00:00.000Z,0,50400',
    ].join('\r\n') + '\r\n');
  });

  it('names the file after the range', () => {
    assert.equal(exportFileName({ start: '2021-02-20', end: '2021-02-25' }, 'concurrency'), 's-connector-concurrency_2021-02-20_2021-02-25.csv');
  });

  it('carries the figures in the JSON export when given', () => {
    const table = toMeetingTable([{ roomName: 'a', seconds: 60, createdAt: '2021-02-22T00:00:00Z' }]);
    const json = JSON.parse(toJson(table, [0], { range: { start: '2021-02-22', end: '2021-02-22' }, timeZone: 'UTC', filter: '', exportedAt: 0, domain: 'd', figures: { peak: 1 } })) as { figures: unknown; meetings: unknown[] };
    assert.deepEqual(json.figures, { peak: 1 });
    assert.equal(json.meetings.length, 1);
  });
});
