import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregate, mergeTables, toMeetingTable, TotalsCounter, totalsDiffer } from '../../../src/report/aggregate';
import { MeetingTableBuilder } from '../../../src/shared/meetingTable';
import { type MeetingTable } from '../../../src/shared/reportTypes';

/** The document's sample: v1/static for 2021-02-20..2021-02-25. */
const SAMPLE = [
  { roomName: 'gsdagd', seconds: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
  { roomName: 'test', seconds: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
  { roomName: 'test', seconds: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
  { roomName: '12312', seconds: 610, createdAt: '2021-02-21T02:34:52.000Z' },
];
const SAMPLE_RANGE = { start: '2021-02-20', end: '2021-02-25' };

const day = (d: string, seconds: number, meetings: number) => ({ day: d, seconds, meetings });
const record = (roomName: string, createdAt: string, seconds: number) => ({ roomName, seconds, createdAt });

/** A generator that gives the same numbers every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('report/aggregate', () => {
  describe('toMeetingTable', () => {
    it('turns records into columns, rooms named once, in the given order', () => {
      const table = toMeetingTable(SAMPLE);
      assert.deepEqual(table, {
        roomNames: ['gsdagd', 'test', '12312'],
        room: [0, 1, 1, 2],
        startedAt: SAMPLE.map((r) => Date.parse(r.createdAt)),
        seconds: [42936, 1481, 4924, 610],
      });
    });

    it("keeps only one room's records when asked, by exact name", () => {
      const table = toMeetingTable([...SAMPLE, record('Test', '2021-02-23T00:00:00Z', 5), record('test ', '2021-02-23T00:00:00Z', 6)], 'test');
      assert.deepEqual(table.roomNames, ['test']);
      assert.deepEqual(table.room, [0, 0]);
      assert.deepEqual(table.seconds, [1481, 4924]);
      assert.deepEqual(toMeetingTable(SAMPLE, 'nobody'), { roomNames: [], room: [], startedAt: [], seconds: [] });
    });

    it('leaves out records whose start or length cannot be used', () => {
      const table = toMeetingTable([record('a', 'not a date', 5), record('b', '2021-02-22T00:00:00Z', Number.NaN), record('c', '2021-02-22T00:00:00Z', -1), record('d', '2021-02-22T00:00:00Z', 7)]);
      assert.deepEqual(table.roomNames, ['d']);
      assert.deepEqual(table.seconds, [7]);
    });
  });

  describe("aggregate, the document's sample", () => {
    const table = toMeetingTable(SAMPLE);

    for (const timeZone of ['UTC', 'Asia/Seoul']) {
      it(`totals it in ${timeZone}`, () => {
        // 2021-02-22T00:12:58Z is 09:12 on the 22nd in Seoul, 12:39:26Z is 21:39 the same day: the same days as UTC.
        const { summary, perDay, perRoom } = aggregate(table, SAMPLE_RANGE, timeZone);
        assert.deepEqual(summary, {
          totalSeconds: 49951,
          meetings: 4,
          rooms: 3,
          averageSeconds: 49951 / 4,
          longest: { roomName: 'gsdagd', seconds: 42936, startedAt: Date.parse('2021-02-22T12:39:26.000Z') },
          busiestDay: { day: '2021-02-22', seconds: 49341 },
        });
        assert.deepEqual(perDay, [
          day('2021-02-20', 0, 0),
          day('2021-02-21', 610, 1),
          day('2021-02-22', 42936 + 1481 + 4924, 3),
          day('2021-02-23', 0, 0),
          day('2021-02-24', 0, 0),
          day('2021-02-25', 0, 0),
        ]);
        assert.deepEqual(perRoom, [
          { roomName: 'gsdagd', seconds: 42936, meetings: 1, longestSeconds: 42936 },
          { roomName: 'test', seconds: 6405, meetings: 2, longestSeconds: 4924 },
          { roomName: '12312', seconds: 610, meetings: 1, longestSeconds: 610 },
        ]);
      });
    }

    it('moves meetings to other days west of Greenwich (Los Angeles, UTC-8)', () => {
      const { perDay, summary } = aggregate(table, SAMPLE_RANGE, 'America/Los_Angeles');
      assert.deepEqual(perDay, [
        day('2021-02-20', 610, 1), // 02-21 02:34Z is 18:34 on the 20th
        day('2021-02-21', 1481 + 4924, 2), // 00:12Z and 04:45Z on the 22nd are the evening of the 21st
        day('2021-02-22', 42936, 1),
        day('2021-02-23', 0, 0),
        day('2021-02-24', 0, 0),
        day('2021-02-25', 0, 0),
      ]);
      assert.equal(summary.totalSeconds, 49951);
      assert.deepEqual(summary.busiestDay, { day: '2021-02-22', seconds: 42936 });
    });
  });

  describe('aggregate, days', () => {
    it('splits meetings at midnight in Kolkata and Kathmandu', () => {
      const table = toMeetingTable([
        record('a', '2021-02-21T18:29:59Z', 100),
        record('a', '2021-02-21T18:30:00Z', 200),
        record('a', '2021-02-21T18:14:59Z', 400),
        record('a', '2021-02-21T18:15:00Z', 800),
      ]);
      const range = { start: '2021-02-21', end: '2021-02-22' };
      assert.deepEqual(aggregate(table, range, 'Asia/Kolkata').perDay, [day('2021-02-21', 100 + 400 + 800, 3), day('2021-02-22', 200, 1)]);
      assert.deepEqual(aggregate(table, range, 'Asia/Kathmandu').perDay, [day('2021-02-21', 400, 1), day('2021-02-22', 100 + 200 + 800, 3)]);
      assert.deepEqual(aggregate(table, range, 'UTC').perDay, [day('2021-02-21', 1500, 4), day('2021-02-22', 0, 0)]);
    });

    it('adds the days outside the range that meetings fall on, in order', () => {
      const table = toMeetingTable([record('a', '2021-02-25T10:00:00Z', 30), record('b', '2021-02-10T10:00:00Z', 20), record('a', '2021-02-21T10:00:00Z', 10)]);
      assert.deepEqual(aggregate(table, { start: '2021-02-21', end: '2021-02-22' }, 'UTC').perDay, [
        day('2021-02-10', 20, 1),
        day('2021-02-21', 10, 1),
        day('2021-02-22', 0, 0),
        day('2021-02-25', 30, 1),
      ]);
    });

    it("adds the next day when the server's last day runs into it in the report's zone", () => {
      // The server's days are UTC; 15:30Z on the 25th is already the 26th in Seoul.
      const table = toMeetingTable([record('a', '2021-02-25T15:30:00Z', 60)]);
      const { perDay } = aggregate(table, SAMPLE_RANGE, 'Asia/Seoul');
      assert.equal(perDay.length, 7);
      assert.deepEqual(perDay.at(-1), day('2021-02-26', 60, 1));
      assert.deepEqual(perDay.at(-2), day('2021-02-25', 0, 0));
    });

    it('gives the earliest of equally busy days', () => {
      const table = toMeetingTable([record('a', '2021-02-24T10:00:00Z', 50), record('b', '2021-02-21T10:00:00Z', 50), record('c', '2021-02-23T10:00:00Z', 49)]);
      assert.deepEqual(aggregate(table, SAMPLE_RANGE, 'UTC').summary.busiestDay, { day: '2021-02-21', seconds: 50 });
    });

    it('has a busiest day when the only meetings lasted no time at all', () => {
      const table = toMeetingTable([record('a', '2021-02-24T10:00:00Z', 0)]);
      assert.deepEqual(aggregate(table, SAMPLE_RANGE, 'UTC').summary.busiestDay, { day: '2021-02-24', seconds: 0 });
    });
  });

  describe('aggregate, edge cases', () => {
    it('gives zeros, every day of the range and no longest or busiest day without meetings', () => {
      const result = aggregate(toMeetingTable([]), SAMPLE_RANGE, 'Asia/Seoul');
      assert.deepEqual(result.summary, { totalSeconds: 0, meetings: 0, rooms: 0, averageSeconds: 0 });
      assert.ok(!('longest' in result.summary) && !('busiestDay' in result.summary));
      assert.deepEqual(result.perDay.map((d) => [d.day, d.seconds, d.meetings]), [
        ['2021-02-20', 0, 0],
        ['2021-02-21', 0, 0],
        ['2021-02-22', 0, 0],
        ['2021-02-23', 0, 0],
        ['2021-02-24', 0, 0],
        ['2021-02-25', 0, 0],
      ]);
      assert.deepEqual(result.perRoom, []);
    });

    it('sums one room met in many times', () => {
      const records = Array.from({ length: 1000 }, (_, i) => record(i % 4 === 0 ? 'weekly' : 'daily', new Date(Date.UTC(2021, 1, 20) + i * 600_000).toISOString(), i));
      const { summary, perRoom } = aggregate(toMeetingTable(records), { start: '2021-02-20', end: '2021-02-26' }, 'UTC');
      const weekly = records.filter((r) => r.roomName === 'weekly').reduce((sum, r) => sum + r.seconds, 0);
      const all = (999 * 1000) / 2;
      assert.equal(summary.totalSeconds, all);
      assert.equal(summary.meetings, 1000);
      assert.equal(summary.rooms, 2);
      assert.equal(summary.averageSeconds, all / 1000);
      assert.deepEqual(perRoom, [
        { roomName: 'daily', seconds: all - weekly, meetings: 750, longestSeconds: 999 },
        { roomName: 'weekly', seconds: weekly, meetings: 250, longestSeconds: 996 },
      ]);
      assert.deepEqual(summary.longest, { roomName: 'daily', seconds: 999, startedAt: Date.UTC(2021, 1, 20) + 999 * 600_000 });
    });

    it('keeps the first of equally long meetings as the longest', () => {
      const table = toMeetingTable([record('b', '2021-02-22T01:00:00Z', 100), record('a', '2021-02-22T02:00:00Z', 100), record('c', '2021-02-22T03:00:00Z', 99)]);
      assert.deepEqual(aggregate(table, SAMPLE_RANGE, 'UTC').summary.longest, { roomName: 'b', seconds: 100, startedAt: Date.parse('2021-02-22T01:00:00Z') });
    });

    it('orders rooms of equal time by name, numbers by value', () => {
      const table = toMeetingTable([record('room 10', '2021-02-22T01:00:00Z', 5), record('room 9', '2021-02-22T01:00:00Z', 5), record('big', '2021-02-22T01:00:00Z', 6), record('Alpha', '2021-02-22T01:00:00Z', 5)]);
      assert.deepEqual(aggregate(table, SAMPLE_RANGE, 'UTC').perRoom.map((r) => r.roomName), ['big', 'Alpha', 'room 9', 'room 10']);
    });

    it('counts only rooms with meetings', () => {
      const table: MeetingTable = { roomNames: ['used', 'unused'], room: [0, 0], startedAt: [Date.UTC(2021, 1, 22), Date.UTC(2021, 1, 23)], seconds: [1, 2] };
      const { summary, perRoom } = aggregate(table, SAMPLE_RANGE, 'UTC');
      assert.equal(summary.rooms, 1);
      assert.deepEqual(perRoom.map((r) => r.roomName), ['used']);
    });

    it('shows only the meetings\' days when the range is not a real range', () => {
      const table = toMeetingTable([record('a', '2021-02-22T10:00:00Z', 5)]);
      assert.deepEqual(aggregate(table, { start: '2021-02-30', end: '2021-03-01' }, 'UTC').perDay, [day('2021-02-22', 5, 1)]);
    });
  });

  describe('totalsDiffer', () => {
    it("compares the server's total with the sum of the meetings", () => {
      const table = toMeetingTable(SAMPLE);
      assert.equal(totalsDiffer(49951, table), false);
      assert.equal(totalsDiffer(50000, table), true);
      assert.equal(totalsDiffer(49950, table), true);
      assert.equal(totalsDiffer(0, toMeetingTable([])), false);
      assert.equal(totalsDiffer(10, toMeetingTable([])), true);
      assert.equal(totalsDiffer(Number.NaN, table), true);
    });

    it('calls a difference of half a second or more a difference, and less not', () => {
      const table = toMeetingTable([record('a', '2021-02-22T10:00:00Z', 10)]);
      assert.equal(totalsDiffer(10.5, table), true);
      assert.equal(totalsDiffer(9.5, table), true);
      assert.equal(totalsDiffer(10.49, table), false);
      assert.equal(totalsDiffer(9.51, table), false);
    });
  });

  describe('100,000 meetings', () => {
    it('gives the same totals as a plain count, in a zone with daylight saving', () => {
      const next = random(42);
      const rooms = Array.from({ length: 700 }, (_, i) => (i % 7 === 0 ? `회의실 ${i}` : `room-${i}`));
      const start = Date.UTC(2020, 0, 1);
      const records = Array.from({ length: 100_000 }, () =>
        record(rooms[Math.floor(next() * next() * rooms.length)]!, new Date(start + Math.floor(next() * 730 * 86_400) * 1000).toISOString(), Math.floor(next() * 10_000)),
      );
      const table = toMeetingTable(records);
      const range = { start: '2020-01-01', end: '2021-12-30' };
      const result = aggregate(table, range, 'America/New_York');

      // The reference: Intl for every single meeting, objects and maps, nothing clever.
      const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
      const byDay = new Map<string, { seconds: number; meetings: number }>();
      const byRoom = new Map<string, { seconds: number; meetings: number; longestSeconds: number }>();
      for (const r of records) {
        const parts = Object.fromEntries(format.formatToParts(new Date(r.createdAt)).map((p) => [p.type, p.value]));
        const key = `${parts.year}-${parts.month}-${parts.day}`;
        const d = byDay.get(key) ?? { seconds: 0, meetings: 0 };
        d.seconds += r.seconds;
        d.meetings++;
        byDay.set(key, d);
        const room = byRoom.get(r.roomName) ?? { seconds: 0, meetings: 0, longestSeconds: 0 };
        room.seconds += r.seconds;
        room.meetings++;
        room.longestSeconds = Math.max(room.longestSeconds, r.seconds);
        byRoom.set(r.roomName, room);
      }

      const total = records.reduce((sum, r) => sum + r.seconds, 0);
      assert.equal(result.summary.totalSeconds, total);
      assert.equal(result.summary.meetings, 100_000);
      assert.equal(result.summary.rooms, byRoom.size);
      assert.equal(result.summary.averageSeconds, total / 100_000);
      // The first meeting of the greatest length.
      const longest = records.reduce((best, r) => (r.seconds > best.seconds ? r : best));
      assert.deepEqual(result.summary.longest, { roomName: longest.roomName, seconds: longest.seconds, startedAt: Date.parse(longest.createdAt) });

      // 2019-12-31 (evening in New York of the first UTC day) comes before the range.
      assert.equal(result.perDay[0]!.day, '2019-12-31');
      assert.equal(result.perDay.length, 730 + 1);
      for (const d of result.perDay) {
        const expected = byDay.get(d.day) ?? { seconds: 0, meetings: 0 };
        assert.deepEqual({ seconds: d.seconds, meetings: d.meetings }, expected, d.day);
      }
      assert.equal(result.perDay.reduce((sum, d) => sum + d.meetings, 0), 100_000);
      const busiest = [...byDay].reduce((best, entry) => (entry[1].seconds > best[1].seconds || (entry[1].seconds === best[1].seconds && entry[0] < best[0]) ? entry : best));
      assert.deepEqual(result.summary.busiestDay, { day: busiest[0], seconds: busiest[1].seconds });

      assert.equal(result.perRoom.length, byRoom.size);
      for (let i = 0; i < result.perRoom.length; i++) {
        const room = result.perRoom[i]!;
        assert.deepEqual({ seconds: room.seconds, meetings: room.meetings, longestSeconds: room.longestSeconds }, byRoom.get(room.roomName), room.roomName);
        if (i > 0) assert.ok(result.perRoom[i - 1]!.seconds >= room.seconds, 'busiest room first');
      }
    });
  });

  describe('across licenses', () => {
    const a = toMeetingTable([
      { roomName: 'x', seconds: 100, createdAt: '2021-02-20T01:00:00Z' },
      { roomName: 'y', seconds: 50, createdAt: '2021-02-21T01:00:00Z' },
    ]);
    const b = toMeetingTable([{ roomName: 'x', seconds: 30, createdAt: '2021-02-21T02:00:00Z' }]);
    const empty = toMeetingTable([]);

    it('merges tables: rooms of each license apart, every license named, meetings in order', () => {
      const merged = mergeTables([{ label: 'A', table: a }, { label: 'Failed', table: empty }, { label: 'B', table: b }]);
      assert.deepEqual(merged, {
        roomNames: ['x', 'y', 'x'],
        roomLicense: [0, 0, 2],
        licenseNames: ['A', 'Failed', 'B'],
        room: [0, 1, 2],
        startedAt: [Date.parse('2021-02-20T01:00:00Z'), Date.parse('2021-02-21T01:00:00Z'), Date.parse('2021-02-21T02:00:00Z')],
        seconds: [100, 50, 30],
      });
    });

    it('counts each license, and each license per day, summing to the totals', () => {
      const result = aggregate(mergeTables([{ label: 'A', table: a }, { label: 'Failed', table: empty }, { label: 'B', table: b }]), { start: '2021-02-20', end: '2021-02-22' }, 'UTC');
      assert.deepEqual(result.perLicense, [
        { license: 'A', seconds: 150, meetings: 2, rooms: 2 },
        { license: 'Failed', seconds: 0, meetings: 0, rooms: 0 },
        { license: 'B', seconds: 30, meetings: 1, rooms: 1 },
      ]);
      assert.deepEqual(result.perDay.map((day) => day.day), ['2021-02-20', '2021-02-21', '2021-02-22']);
      assert.deepEqual(result.perDayByLicense, [[100, 50, 0], [0, 0, 0], [0, 30, 0]]);
      assert.deepEqual(result.perRoom.map((room) => [room.license, room.roomName, room.seconds]), [['A', 'x', 100], ['A', 'y', 50], ['B', 'x', 30]]);
      assert.equal(result.summary.rooms, 3);
    });

    it('adds nothing of licenses to a report of one', () => {
      const result = aggregate(a, { start: '2021-02-20', end: '2021-02-21' }, 'UTC');
      assert.equal(result.perLicense, undefined);
      assert.equal(result.perDayByLicense, undefined);
      assert.ok(result.perRoom.every((room) => !('license' in room)));
    });
  });
});

describe('report/aggregate TotalsCounter', () => {
  const zones = fc.constantFrom('UTC', 'Asia/Seoul', 'America/New_York');
  // Meetings over a month across a daylight-saving change in New York, in a handful of rooms.
  const meetings = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 31 * 24 * 60 }), fc.integer({ min: 0, max: 30_000 })), { maxLength: 60 });
  const RANGE = { start: '2021-03-01', end: '2021-03-31' };
  const START = Date.parse('2021-03-01T00:00:00Z');
  const cutsOf = fc.array(fc.nat(), { maxLength: 6 });

  /**
   * The table of `list`, grown in place as the answer's reader fills it (new rooms come midway):
   * at each cut, `atCut` gets the table so far and how many of the list it holds. Returns the whole table.
   */
  function growing(list: readonly (readonly [number, number, number])[], cuts: readonly number[], atCut: (soFar: MeetingTable, rows: number) => void): MeetingTable {
    const builder = new MeetingTableBuilder();
    const stops = new Set(cuts.map((cut) => cut % (list.length + 1)));
    list.forEach(([room, minute, seconds], i) => {
      if (stops.has(i)) atCut(builder.build(), i);
      builder.add(`room ${room}`, START + minute * 60_000, seconds);
    });
    return builder.build();
  }

  it('counts a table batch by batch, as it grows, to the totals of the whole table', () => {
    fc.assert(fc.property(meetings, cutsOf, zones, (list, cuts, timeZone) => {
      const counter = new TotalsCounter(timeZone);
      const table = growing(list, cuts, (soFar) => counter.countTo(soFar));
      assert.deepEqual(counter.totals(table, RANGE, { roomLimit: 3, warningPercent: 50 }), aggregate(table, RANGE, timeZone, { roomLimit: 3, warningPercent: 50 }));
    }));
  });

  it('gives the summary and the days of the rows read so far, as the totals of those rows would', () => {
    fc.assert(fc.property(meetings, cutsOf, zones, (list, cuts, timeZone) => {
      const counter = new TotalsCounter(timeZone);
      const table = growing(list, cuts, (soFar, rows) => {
        // What is read so far, as a table of its own, counted whole.
        const whole = aggregate(toMeetingTable(list.slice(0, rows).map(([r, m, s]) => ({ roomName: `room ${r}`, createdAt: new Date(START + m * 60_000).toISOString(), seconds: s }))), RANGE, timeZone);
        assert.deepEqual(counter.soFar(soFar, RANGE), { summary: whole.summary, perDay: whole.perDay });
      });
      // Asking for the figures so far changes nothing of the totals at the end.
      assert.deepEqual(counter.totals(table, RANGE), aggregate(table, RANGE, timeZone));
    }));
  });

  it('counts as rooms so far only those with a meeting read, whatever names the table lists', () => {
    const whole = toMeetingTable(SAMPLE);
    // The names of every room, the meetings of the first two only.
    const firstTwo = { ...whole, room: Array.from(whole.room).slice(0, 2), startedAt: Array.from(whole.startedAt).slice(0, 2), seconds: Array.from(whole.seconds).slice(0, 2) };
    const rooms = new Set(firstTwo.room).size;
    assert.ok(rooms < whole.roomNames.length);
    assert.equal(new TotalsCounter('UTC').soFar(firstTwo, SAMPLE_RANGE).summary.rooms, rooms);
  });

  it('counts another table from its start, leaving nothing of the one counted before', () => {
    const first = toMeetingTable([...SAMPLE, record('extra', '2021-02-23T10:00:00Z', 999)]);
    const second = toMeetingTable(SAMPLE.slice(1));
    const counter = new TotalsCounter('Asia/Seoul');
    counter.countTo(first);
    assert.deepEqual(counter.totals(second, SAMPLE_RANGE), aggregate(second, SAMPLE_RANGE, 'Asia/Seoul'));
  });

  it('counts a table across licenses batch by batch, each license apart', () => {
    const merged = mergeTables([{ label: 'A', table: toMeetingTable(SAMPLE) }, { label: 'B', table: toMeetingTable(SAMPLE.slice(2)) }]);
    const counter = new TotalsCounter('UTC');
    const [room, startedAt, seconds] = [merged.room, merged.startedAt, merged.seconds].map((column) => Array.from(column));
    const part = { ...merged, room: room!.slice(0, 3), startedAt: startedAt!.slice(0, 3), seconds: seconds!.slice(0, 3) };
    counter.countTo(part);
    // The rest of the same table, its columns now longer: only the rows after the third are new.
    part.room.push(...room!.slice(3));
    part.startedAt.push(...startedAt!.slice(3));
    part.seconds.push(...seconds!.slice(3));
    assert.deepEqual(counter.totals(part, SAMPLE_RANGE), aggregate(merged, SAMPLE_RANGE, 'UTC'));
  });
});
