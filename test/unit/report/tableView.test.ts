import * as assert from 'node:assert/strict';
import { toMeetingTable } from '../../../src/report/aggregate';
import { DEFAULT_QUERY, selectRows } from '../../../src/report/tableView';
import { type MeetingTable, type SortKey, type TableQuery } from '../../../src/shared/reportTypes';

const HTML_NAME = '<img src=x onerror=alert(1)>';

/** Rows 0..7; times in minutes after 2021-02-22T00:00Z. */
const TABLE = toMeetingTable(
  (
    [
      ['test', 10, 1481], // 0
      ['gsdagd', 30, 42936], // 1
      ['Test Room', 20, 610], // 2
      ['샘플 회의실', 40, 610], // 3
      [HTML_NAME, 5, 100], // 4
      ['room 10', 20, 200], // 5
      ['room 9', 50, 300], // 6
      ['TEST', 20, 610], // 7
    ] as const
  ).map(([roomName, minutes, seconds]) => ({ roomName, seconds, createdAt: new Date(Date.UTC(2021, 1, 22) + minutes * 60_000).toISOString() })),
);

const query = (sort: SortKey, descending: boolean, filter = ''): TableQuery => ({ filter, sort, descending });

const collator = new Intl.Collator(undefined, { numeric: true });

/** The order selectRows promises, written the plain way. */
function reference(table: MeetingTable, q: TableQuery): number[] {
  const needle = q.filter.trim().normalize('NFC').toLocaleLowerCase();
  const name = (i: number) => table.roomNames[table.room[i]!]!;
  const rows = Array.from(table.room, (_, i) => i).filter((i) => name(i).normalize('NFC').toLocaleLowerCase().includes(needle));
  const primary = (a: number, b: number): number => {
    if (q.sort === 'room') return collator.compare(name(a), name(b)) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
    const column = q.sort === 'seconds' ? table.seconds : table.startedAt;
    return column[a]! - column[b]!;
  };
  return rows.sort((a, b) => (q.descending ? -primary(a, b) : primary(a, b)) || table.startedAt[b]! - table.startedAt[a]! || a - b);
}

/** A generator that gives the same numbers every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('report/tableView', () => {
  it('shows the latest meetings first by default', () => {
    assert.deepEqual(DEFAULT_QUERY, { filter: '', sort: 'startedAt', descending: true });
    assert.deepEqual(selectRows(TABLE, DEFAULT_QUERY), [6, 3, 1, 2, 5, 7, 0, 4]);
  });

  describe('filter', () => {
    it('matches part of a room name regardless of case', () => {
      assert.deepEqual(selectRows(TABLE, query('startedAt', false, 'test')), [0, 2, 7]);
      assert.deepEqual(selectRows(TABLE, query('startedAt', false, 'TeSt r')), [2]);
      assert.deepEqual(selectRows(TABLE, query('startedAt', false, 'ROOM')), [2, 5, 6]);
    });

    it('trims the filter, and an empty one shows every meeting', () => {
      assert.deepEqual(selectRows(TABLE, query('startedAt', false, '  gsd  ')), [1]);
      assert.equal(selectRows(TABLE, query('startedAt', false, '   ')).length, 8);
      assert.equal(selectRows(TABLE, query('startedAt', false, '')).length, 8);
    });

    it('matches Korean names, also when they were stored decomposed', () => {
      assert.deepEqual(selectRows(TABLE, query('startedAt', false, '회의')), [3]);
      const decomposed = toMeetingTable([{ roomName: '샘플 회의실'.normalize('NFD'), seconds: 1, createdAt: '2021-02-22T00:00:00Z' }]);
      assert.notEqual(decomposed.roomNames[0], '샘플 회의실');
      assert.deepEqual(selectRows(decomposed, query('startedAt', false, '회의실')), [0]);
    });

    it('matches names that look like HTML as plain text', () => {
      assert.deepEqual(selectRows(TABLE, query('startedAt', false, '<img')), [4]);
      assert.deepEqual(selectRows(TABLE, query('startedAt', false, 'ONERROR=ALERT(1)>')), [4]);
    });

    it('lowers other scripts as well', () => {
      const table = toMeetingTable([
        { roomName: 'ÉQUIPE Ü', seconds: 1, createdAt: '2021-02-22T00:00:00Z' },
        { roomName: 'Ωmega', seconds: 1, createdAt: '2021-02-22T00:01:00Z' },
      ]);
      assert.deepEqual(selectRows(table, query('startedAt', false, 'équipe ü')), [0]);
      assert.deepEqual(selectRows(table, query('startedAt', false, 'ωMEGA')), [1]);
    });

    it('gives nothing when nothing matches', () => {
      assert.deepEqual(selectRows(TABLE, query('room', true, 'zzz')), []);
      assert.deepEqual(selectRows(toMeetingTable([]), DEFAULT_QUERY), []);
    });
  });

  describe('sort', () => {
    it('by start, both ways; equal starts by row', () => {
      assert.deepEqual(selectRows(TABLE, query('startedAt', false)), [4, 0, 2, 5, 7, 1, 3, 6]);
      assert.deepEqual(selectRows(TABLE, query('startedAt', true)), [6, 3, 1, 2, 5, 7, 0, 4]);
    });

    it('by length, both ways; equal lengths by the later start, then by row', () => {
      // 610 s: rows 2 (20 min), 3 (40 min), 7 (20 min) -> 3, 2, 7 either way.
      assert.deepEqual(selectRows(TABLE, query('seconds', false)), [4, 5, 6, 3, 2, 7, 0, 1]);
      assert.deepEqual(selectRows(TABLE, query('seconds', true)), [1, 0, 3, 2, 7, 6, 5, 4]);
    });

    it('by room name, numbers by value, both ways; the same name by the later start', () => {
      const ascending = selectRows(TABLE, query('room', false));
      const names = ascending.map((i) => TABLE.roomNames[TABLE.room[i]!]);
      assert.ok(names.indexOf('room 9') < names.indexOf('room 10'), 'room 9 before room 10');
      assert.deepEqual(ascending, reference(TABLE, query('room', false)));
      assert.deepEqual(selectRows(TABLE, query('room', true)), reference(TABLE, query('room', true)));
      assert.deepEqual(selectRows(TABLE, query('room', true)), [...ascending].reverse(), 'no two rows of TABLE share a name');

      const repeated = toMeetingTable(
        [
          ['b', 1],
          ['a', 1],
          ['b', 3],
          ['a', 2],
          ['b', 3],
        ].map(([roomName, minutes]) => ({ roomName: String(roomName), seconds: 1, createdAt: new Date(Date.UTC(2021, 1, 22) + Number(minutes) * 60_000).toISOString() })),
      );
      assert.deepEqual(selectRows(repeated, query('room', false)), [3, 1, 2, 4, 0]);
      assert.deepEqual(selectRows(repeated, query('room', true)), [2, 4, 0, 3, 1]);
    });

    it('orders names the collator finds equal (one letter composed, decomposed or as a compatibility sign) by code unit', () => {
      const decomposed = 'A\u030a'; // A + combining ring
      const composed = '\u00c5'; // Å
      const angstrom = '\u212b'; // Å, the Ångström sign
      assert.equal(collator.compare(decomposed, composed) || collator.compare(composed, angstrom), 0, 'the collator sees one letter');
      const table = toMeetingTable(
        [decomposed, angstrom, composed, decomposed].map((roomName, minutes) => ({ roomName, seconds: 1, createdAt: new Date(Date.UTC(2021, 1, 22) + minutes * 60_000).toISOString() })),
      );
      assert.deepEqual(table.roomNames, [decomposed, angstrom, composed]);
      // Code units: A (0x41) < U+00C5 < U+212B; one name's meetings by the later start.
      assert.deepEqual(selectRows(table, query('room', false)), [3, 0, 2, 1]);
      assert.deepEqual(selectRows(table, query('room', true)), [1, 2, 3, 0]);
      assert.deepEqual(selectRows(table, query('room', false)), reference(table, query('room', false)));
      assert.deepEqual(selectRows(table, query('startedAt', false, '\u00e5')), [0, 1, 2, 3], 'all three match the letter, whatever their form');
    });

    it('sorts two meetings too', () => {
      const two = toMeetingTable([
        { roomName: 'b', seconds: 5, createdAt: '2021-02-22T00:00:00Z' },
        { roomName: 'a', seconds: 9, createdAt: '2021-02-22T01:00:00Z' },
      ]);
      assert.deepEqual(selectRows(two, DEFAULT_QUERY), [1, 0]);
      assert.deepEqual(selectRows(two, query('startedAt', false)), [0, 1]);
      assert.deepEqual(selectRows(two, query('seconds', true)), [1, 0]);
      assert.deepEqual(selectRows(two, query('room', false)), [1, 0]);
      assert.deepEqual(selectRows(two, query('room', true)), [0, 1]);
    });

    it('sorts starts too far apart for the fast encoding, before and after 1970 alike', () => {
      // Symmetric around 1970, so that only their distance (not their sum) says the codes would pass 2^53.
      const table: MeetingTable = {
        roomNames: ['x'],
        room: [0, 0, 0, 0],
        startedAt: [4e15 - 1, -4e15 + 1, 4e15 - 1, -4e15 + 3],
        seconds: [1, 1, 1, 1],
      };
      assert.deepEqual(selectRows(table, query('startedAt', true)), [0, 2, 3, 1]);
      assert.deepEqual(selectRows(table, query('startedAt', false)), [1, 3, 0, 2]);
      assert.deepEqual(selectRows(table, query('room', false)), [0, 2, 3, 1]);
    });

    it('with a filter, sorts only what it shows', () => {
      assert.deepEqual(selectRows(TABLE, query('seconds', true, 'test')), [0, 2, 7]);
      assert.deepEqual(selectRows(TABLE, query('room', false, 'room')), [6, 5, 2], "'room 9', 'room 10', 'Test Room'");
    });

    it('gives the same answer every time and leaves the table alone', () => {
      const before = JSON.stringify(TABLE);
      const first = selectRows(TABLE, query('seconds', true));
      assert.deepEqual(selectRows(TABLE, query('seconds', true)), first);
      assert.equal(JSON.stringify(TABLE), before);
    });

    it('sorts fractional lengths and millisecond starts the same way', () => {
      const table: MeetingTable = {
        roomNames: ['x', 'y'],
        room: [0, 1, 0, 1, 0],
        startedAt: [1000.5e9, 1000e9 + 1, 1000e9 + 1, -5e12, 2.5e14],
        seconds: [1.5, 0.25, 1.5, 7, 0.25],
      };
      for (const sort of ['startedAt', 'seconds', 'room'] as const) {
        for (const descending of [false, true]) assert.deepEqual(selectRows(table, query(sort, descending)), reference(table, query(sort, descending)), `${sort} ${descending}`);
      }
      assert.deepEqual(selectRows(table, query('seconds', false)), [4, 1, 0, 2, 3]);
    });
  });

  describe('100,000 meetings', () => {
    const next = random(7);
    const rooms = Array.from({ length: 300 }, (_, i) => [`room ${i}`, `회의실 ${i}`, `Team-${i}`, `<b>${i}</b>`][i % 4]!);
    const start = Date.UTC(2021, 0, 1);
    // Few distinct lengths and starts in whole minutes, so that many rows tie.
    const table = toMeetingTable(
      Array.from({ length: 100_000 }, () => ({
        roomName: rooms[Math.floor(next() * rooms.length)]!,
        seconds: Math.floor(next() * 600) * 10,
        createdAt: new Date(start + Math.floor(next() * 365 * 24 * 60) * 60_000).toISOString(),
      })),
    );

    for (const sort of ['startedAt', 'seconds', 'room'] as const) {
      for (const descending of [false, true]) {
        it(`sorts by ${sort} ${descending ? 'descending' : 'ascending'} as the plain comparator does`, () => {
          const rows = selectRows(table, query(sort, descending));
          assert.equal(rows.length, 100_000);
          assert.deepEqual(rows, reference(table, query(sort, descending)));
        });
      }
    }

    it('filters and sorts, case-insensitively, as the plain comparator does', () => {
      for (const filter of ['회의실 1', 'TEAM-2', '<b>3', 'room 29']) {
        const rows = selectRows(table, query('seconds', true, filter));
        assert.ok(rows.length > 0, filter);
        assert.ok(rows.length < 100_000, filter);
        assert.deepEqual(rows, reference(table, query('seconds', true, filter)), filter);
      }
    });

    it('sorts starts spread over centuries to the millisecond (beyond the fast encoding)', () => {
      const wide: MeetingTable = {
        roomNames: table.roomNames,
        room: table.room,
        startedAt: Array.from(table.startedAt, (ms, i) => ms + (i % 7) * 3e12 + (i % 13)),
        seconds: table.seconds,
      };
      for (const sort of ['startedAt', 'room'] as const) assert.deepEqual(selectRows(wide, query(sort, true)), reference(wide, query(sort, true)), sort);
    });
  });
});
