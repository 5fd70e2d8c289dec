/** The usage report model with a fake client: loading, superseded loads, failures, zones and exports. */
import * as assert from 'node:assert/strict';
import type { UsageOptions, UsageRange } from '../../../src/api/client';
import { ApiError } from '../../../src/api/errors';
import type { Usage, UsageTable } from '../../../src/api/schema';
import { asTable } from './usageTables';
import { previousRange } from '../../../src/report/comparison';
import { isCalendarDate } from '../../../src/shared/calendarDate';
import { type LoadProgress, type ReportState, UsageReport } from '../../../src/state/usageReport';

const RANGE = { start: '2021-02-20', end: '2021-02-25' };
const SAMPLE: Usage = {
  domain: 'trial',
  totalSeconds: 49951,
  skipped: 1,
  records: [
    { roomName: 'gsdagd', seconds: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
    { roomName: 'test', seconds: 4924, createdAt: '2021-02-23T16:30:00.000Z' },
    { roomName: 'test', seconds: 1481, createdAt: '2021-02-24T01:00:00.000Z' },
    { roomName: '12312', seconds: 610, createdAt: '2021-02-20T05:00:00.000Z' },
  ],
};

/**
 * A client whose answers the test hands out, one per call, in any order. The report's second
 * request, for the period just before the range asked, is kept apart (`before`) and answered at
 * once with `previous` (or failed with `previousError`).
 */
class FakeSource {
  readonly asked: UsageRange[] = [];
  readonly before: UsageRange[] = [];
  previous: Usage = { domain: 'trial', totalSeconds: 0, skipped: 0, records: [] };
  previousError: Error | undefined;
  private readonly waiting: { resolve: (usage: Usage) => void; reject: (error: unknown) => void }[] = [];

  usage(range: UsageRange): Promise<Usage> {
    const last = this.asked.at(-1);
    if (last?.end !== undefined && isCalendarDate(last.start) && isCalendarDate(last.end) && JSON.stringify(range) === JSON.stringify(previousRange({ start: last.start, end: last.end }))) {
      this.before.push(range);
      return this.previousError === undefined ? Promise.resolve(this.previous) : Promise.reject(this.previousError);
    }
    this.asked.push(range);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  readonly signals: (AbortSignal | undefined)[] = [];

  usageTable(range: UsageRange, options?: UsageOptions): Promise<UsageTable> {
    const answer = this.usage(range).then(asTable);
    if (this.asked.at(-1) === range) this.signals.push(options?.signal);
    return answer;
  }

  answer(index: number, usage: Usage = SAMPLE): void {
    this.waiting[index]!.resolve(usage);
  }

  fail(index: number, error: unknown): void {
    this.waiting[index]!.reject(error);
  }
}

const quietLog = { lines: [] as string[], info(line: string) { this.lines.push(line); }, warn(line: string) { this.lines.push(`warn: ${line}`); } };

function setup(room?: string): { report: UsageReport; source: FakeSource; phases: string[] } {
  const source = new FakeSource();
  const report = new UsageReport([{ id: 'a', label: 'A', source }], quietLog, RANGE, room, () => Date.parse('2021-03-01T00:00:00Z'));
  report.setUserZone('Asia/Seoul');
  const phases: string[] = [];
  report.onDidChange(() => phases.push(report.current.phase));
  return { report, source, phases };
}

function loaded(state: ReportState) {
  assert.equal(state.phase, 'loaded');
  return (state).report;
}

describe('state/usageReport', () => {
  it('asks for the range, then holds the totals in the user zone and every meeting', async () => {
    const { report, source, phases } = setup();
    const done = report.load(RANGE, undefined);
    assert.deepEqual(source.asked, [RANGE]);
    assert.deepEqual(phases, ['loading']);
    source.answer(0);
    await done;
    assert.deepEqual(phases, ['loading', 'loaded']);
    const { summary, table } = loaded(report.current);
    assert.equal(summary.timeZone, 'Asia/Seoul');
    assert.equal(summary.meetings, 4);
    assert.equal(summary.aggregates.summary.totalSeconds, 49951);
    assert.equal(summary.totalsDiffer, false);
    assert.equal(summary.skipped, 1);
    assert.equal(summary.domain, 'trial');
    assert.equal(summary.fetchedAt, Date.parse('2021-03-01T00:00:00Z'));
    assert.deepEqual(table.roomNames, ['gsdagd', 'test', '12312']);
    // 16:30 UTC on the 23rd is 01:30 on the 24th in Seoul.
    assert.deepEqual(summary.aggregates.perDay.filter((day) => day.meetings > 0).map((day) => [day.day, day.meetings]),
      [['2021-02-20', 1], ['2021-02-22', 1], ['2021-02-24', 2]]);
  });

  it('for one room, keeps only its meetings and does not compare with the total of all rooms', async () => {
    const { report, source } = setup('test');
    const done = report.load(RANGE, 'test');
    source.answer(0);
    await done;
    const { summary } = loaded(report.current);
    assert.equal(summary.room, 'test');
    assert.equal(summary.meetings, 2);
    assert.equal(summary.totalsDiffer, false);
  });

  it("says so when the server's total differs from the sum of its meetings", async () => {
    const { report, source } = setup();
    const done = report.load(RANGE, undefined);
    source.answer(0, { ...SAMPLE, totalSeconds: 50_000 });
    await done;
    assert.equal(loaded(report.current).summary.totalsDiffer, true);
  });

  it('drops the answer to a load that a newer one has replaced, whichever comes first', async () => {
    const { report, source, phases } = setup();
    const first = report.load(RANGE, undefined);
    const second = report.load({ start: '2021-02-21', end: '2021-02-21' }, undefined);
    source.answer(1, { ...SAMPLE, records: SAMPLE.records.slice(0, 1) });
    await second;
    source.answer(0);
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    // Loaded, then the period before and the month added to it, once; nothing of the first load.
    assert.deepEqual(phases, ['loading', 'loading', 'loaded', 'loaded']);
    assert.equal(loaded(report.current).summary.meetings, 1);
    assert.deepEqual(report.range, { start: '2021-02-21', end: '2021-02-21' });
  });

  describe('beside the report', () => {
    const flush = () => new Promise((resolve) => setImmediate(resolve));

    it('asks for the period just before once the report is read, never beside it, and adds its figures when they come', async () => {
      const { report, source } = setup();
      source.previous = { ...SAMPLE, records: [SAMPLE.records[0]!, { roomName: 'gone', seconds: 100, createdAt: '2021-02-15T01:00:00Z' }] };
      const done = report.load(RANGE, undefined);
      await flush();
      assert.deepEqual(source.before, [], 'nothing competes with the answer the user waits for');
      source.answer(0);
      await done;
      assert.deepEqual(source.before, [{ start: '2021-02-14', end: '2021-02-19' }], 'asked once the report was read');
      assert.equal(loaded(report.current).summary.complete, undefined, 'not complete before the period before is in');
      const changes: string[] = [];
      report.onDidChange(() => changes.push(report.current.phase));
      await flush();
      const { previous, previousError, complete } = loaded(report.current).summary;
      assert.equal(complete, true);
      assert.deepEqual(changes, ['loaded'], 'the period before and the month added at once');
      assert.equal(previousError, undefined);
      assert.deepEqual(previous?.range, { start: '2021-02-14', end: '2021-02-19' });
      assert.equal(previous?.summary.totalSeconds, 43036);
      assert.equal(previous?.summary.meetings, 2);
      assert.equal(previous?.peak, 1);
      assert.deepEqual(previous?.perRoom.map((room) => room.roomName), ['gsdagd', 'gone']);
    });

    it('exports the concurrency as CSV and the figures in JSON, and copies them as Markdown', async () => {
      const { report, source } = setup();
      assert.equal(report.summaryMarkdown(), undefined);
      const done = report.load(RANGE, undefined);
      source.answer(0);
      await done;
      await flush();
      const csv = report.exportFile('concurrency', { filter: 'gsdagd', sort: 'room', descending: false });
      assert.match(csv.text, /^\uFEFFStart \(Asia\/Seoul\),End \(Asia\/Seoul\),Start \(UTC\),Rooms,Seconds\r\n2021-02-20 00:00:00,/);
      assert.equal(csv.count, csv.text.trim().split('\r\n').length - 1, 'every meeting counts, whatever the table filter');
      assert.equal(report.exportName('concurrency'), 's-connector-concurrency_2021-02-20_2021-02-25.csv');
      const json = JSON.parse(report.exportFile('json', { filter: '', sort: 'room', descending: false }).text) as { figures: { capacity: { peak: number }; weekHours: number[]; previous: { range: unknown } } };
      assert.equal(json.figures.capacity.peak, 1);
      assert.equal(json.figures.weekHours.length, 168);
      assert.deepEqual(json.figures.previous.range, { start: '2021-02-14', end: '2021-02-19' });
      assert.match(report.summaryMarkdown() ?? '', /\| Meetings \| 4 \| new \|/);
    });

    it('keeps the report when the comparison fails, and says why', async () => {
      const { report, source } = setup();
      source.previousError = new ApiError('unreachable', 'The server could not be reached.');
      const done = report.load(RANGE, undefined);
      source.answer(0);
      await done;
      await flush();
      const { summary } = loaded(report.current);
      assert.equal(summary.meetings, 4);
      assert.equal(summary.previous, undefined);
      assert.equal(summary.previousError, 'The server could not be reached.');
      assert.equal(summary.complete, true, 'complete, though the comparison failed');
      assert.ok(quietLog.lines.some((line) => line.includes('could not be compared')));
    });

    it('measures against the license limit, and adds the month figures of each license', async () => {
      const source = new FakeSource();
      const month = { month: '2021-03', soFarSeconds: 10, forecastSeconds: 30, lastMonth: { month: '2021-02', totalSeconds: 40, toSameDaySeconds: 5 }, weekdayAverages: [1, 1, 1, 1, 1, 1, 1] };
      const report = new UsageReport([
        { id: 'a', label: 'A', source, limit: () => ({ roomLimit: 3, warningPercent: 80 }), monthToDate: () => Promise.resolve(month) },
        { id: 'b', label: 'B', source, limit: () => ({ roomLimit: 2, warningPercent: 50 }), monthToDate: () => Promise.resolve(month) },
      ], quietLog, RANGE, undefined);
      const done = report.load(RANGE, undefined);
      source.answer(0);
      source.answer(1, { ...SAMPLE, records: [] });
      await done;
      await flush();
      const { summary } = loaded(report.current);
      assert.deepEqual(summary.limit, { roomLimit: 5, warningPercent: 50 });
      assert.deepEqual(summary.aggregates.capacity.limit, { roomLimit: 5, warningPercent: 50 });
      assert.equal(summary.month?.soFarSeconds, 20);
      assert.equal(summary.month?.forecastSeconds, 60);
      assert.equal(summary.month?.lastMonth.totalSeconds, 80);
      assert.deepEqual(summary.month?.weekdayAverages, [2, 2, 2, 2, 2, 2, 2]);
    });

    it('names the license whose period before failed, and adds no month when the licenses are in different months', async () => {
      const a = new FakeSource();
      const b = new FakeSource();
      b.previousError = new ApiError('unreachable', 'The server could not be reached.');
      const month = (name: string) => ({ month: name, soFarSeconds: 1, forecastSeconds: 2, lastMonth: { month: '2021-01', totalSeconds: 3, toSameDaySeconds: 4 }, weekdayAverages: [0, 0, 0, 0, 0, 0, 0] });
      const report = new UsageReport([
        { id: 'a', label: 'A', source: a, monthToDate: () => Promise.resolve(month('2021-02')) },
        { id: 'b', label: 'B', source: b, monthToDate: () => Promise.resolve(month('2021-03')) },
      ], quietLog, RANGE, undefined);
      const done = report.load(RANGE, undefined);
      a.answer(0);
      b.answer(0);
      await done;
      await flush();
      const { summary } = loaded(report.current);
      assert.equal(summary.previousError, 'B: The server could not be reached.');
      assert.equal(summary.month, undefined);
      assert.equal(summary.meetings, 8, 'the report itself has both licenses');
    });

    it('asks for no period before a range it cannot read', async () => {
      const { report, source } = setup();
      const done = report.load({ start: 'x', end: '2021-02-25' }, undefined);
      source.answer(0);
      await done;
      await flush();
      assert.deepEqual(source.before, []);
      assert.equal(source.asked.length, 1);
    });

    it('draws no limit when a license has none known, and no month when one is missing', async () => {
      const source = new FakeSource();
      const report = new UsageReport([
        { id: 'a', label: 'A', source, limit: () => ({ roomLimit: 3, warningPercent: 80 }), monthToDate: () => Promise.reject(new Error('offline')) },
        { id: 'b', label: 'B', source, limit: () => undefined },
      ], quietLog, RANGE, undefined);
      const done = report.load(RANGE, undefined);
      source.answer(0);
      source.answer(1);
      await done;
      await flush();
      const { summary } = loaded(report.current);
      assert.equal(summary.limit, undefined);
      assert.equal(summary.month, undefined);
      assert.ok(summary.previous);
    });
  });

  it("fails with the API's own sentence, or names what went wrong, and loads again on retry", async () => {
    const { report, source } = setup();
    const first = report.load(RANGE, undefined);
    source.fail(0, new ApiError('timeout', 'The S-Connector server did not answer.'));
    await first;
    assert.deepEqual(report.current, { phase: 'failed', message: 'The S-Connector server did not answer.' });
    const second = report.retry();
    assert.deepEqual(source.asked, [RANGE, RANGE]);
    source.fail(1, new TypeError('boom'));
    await second;
    assert.deepEqual(report.current, { phase: 'failed', message: 'The usage report failed: TypeError: boom' });
  });

  it('counts the totals again once when the zone changes to UTC, and back', async () => {
    const { report, source } = setup();
    const done = report.load(RANGE, undefined);
    source.answer(0);
    await done;
    report.setZone('UTC');
    const inUtc = loaded(report.current);
    assert.equal(inUtc.summary.timeZone, 'UTC');
    assert.deepEqual(inUtc.summary.aggregates.perDay.filter((day) => day.meetings > 0).map((day) => day.day), ['2021-02-20', '2021-02-22', '2021-02-23', '2021-02-24']);
    assert.equal(loaded(report.current), inUtc, 'counted once, then kept');
    report.setZone(undefined);
    assert.equal(loaded(report.current).summary.timeZone, 'Asia/Seoul');
    assert.equal(report.chosenTimeZone, undefined);
  });

  it('ignores a zone this runtime does not know', () => {
    const { report } = setup();
    report.setUserZone('Nowhere/Special');
    assert.equal(report.timeZone, 'Asia/Seoul');
    report.setZone('Nowhere/Else');
    assert.equal(report.timeZone, 'Asia/Seoul');
    assert.equal(report.chosenTimeZone, undefined);
  });

  it('counts in any IANA zone chosen: Kolkata (+05:30)', async () => {
    const { report, source } = setup();
    const done = report.load(RANGE, undefined);
    source.answer(0);
    await done;
    report.setZone('Asia/Kolkata');
    assert.equal(report.chosenTimeZone, 'Asia/Kolkata');
    const { summary } = loaded(report.current);
    assert.equal(summary.timeZone, 'Asia/Kolkata');
    // gsdagd at 12:39 UTC is 18:09 in Kolkata: Monday (0), hour 18 holds its first 51 minutes.
    assert.equal(summary.aggregates.weekHours[18], 51 * 60 - 26);
  });

  it('exports the rows a query selects, in the zone chosen; nothing before a report is there', async () => {
    const { report, source } = setup();
    assert.throws(() => report.exportFile('csv', { filter: '', sort: 'startedAt', descending: true }), /There is no report to export yet/);
    const done = report.load(RANGE, undefined);
    source.answer(0);
    await done;
    const csv = report.exportFile('csv', { filter: 'TEST', sort: 'seconds', descending: true });
    assert.equal(csv.count, 2);
    assert.match(csv.text, /Started \(Asia\/Seoul\)/);
    report.setZone('UTC');
    const json = JSON.parse(report.exportFile('json', { filter: '', sort: 'startedAt', descending: false }).text) as { timeZone: string; meetings: unknown[]; domain: string; exportedAt: string };
    assert.equal(json.timeZone, 'UTC');
    assert.equal(json.meetings.length, 4);
    assert.equal(json.domain, 'trial');
    assert.equal(json.exportedAt, '2021-03-01T00:00:00.000Z');
    assert.equal(report.exportName('csv'), 's-connector-usage_2021-02-20_2021-02-25.csv');
  });

  it('after dispose, an answer still on its way changes nothing and tells no one', async () => {
    const { report, source, phases } = setup();
    const done = report.load(RANGE, undefined);
    report.dispose();
    source.answer(0);
    await done;
    assert.deepEqual(phases, ['loading']);
    assert.equal(report.current.phase, 'loading');
    await report.retry();
    assert.deepEqual(source.asked, [RANGE], 'a closed report asks nothing more');
    assert.deepEqual(source.before, [], 'nor the period before');
    assert.equal(source.signals[0]?.aborted, true, 'and the request on its way is cancelled');
  });

  it('cancels the request of a load that another load replaces, and draws only the newer', async () => {
    const { report, source } = setup();
    const first = report.load(RANGE, undefined);
    const second = report.load({ start: '2021-02-21', end: '2021-02-25' }, undefined);
    assert.equal(source.signals[0]?.aborted, true, 'the first request is cancelled');
    assert.equal(source.signals[1]?.aborted, false);
    source.fail(0, new ApiError('cancelled', 'The request to x was cancelled.'));
    await first;
    assert.equal(report.current.phase, 'loading', 'the cancelled load says nothing');
    source.answer(1);
    await second;
    assert.deepEqual(loaded(report.current).summary.range, { start: '2021-02-21', end: '2021-02-25' });
  });

  it('on Cancel, stops the load and goes back to the report before it, as a new report of its own range', async () => {
    const { report, source } = setup();
    const first = report.load(RANGE, undefined);
    source.answer(0);
    await first;
    const before = loaded(report.current);
    const next = { start: '2021-01-01', end: '2021-02-25' };
    const second = report.load(next, 'test');
    assert.equal(report.range, next);
    report.cancel();
    assert.equal(source.signals[1]?.aborted, true, 'the request is cancelled');
    const back = loaded(report.current);
    assert.deepEqual(back.summary, before.summary, 'the report shown before, whole');
    assert.notEqual(back.id, before.id, 'as a new report, so that the page shows its range again');
    assert.deepEqual(report.range, RANGE);
    assert.equal(report.room, undefined);
    source.answer(1);
    await second;
    assert.deepEqual(loaded(report.current).summary.range, RANGE, 'the answer that comes after all is dropped');
    report.cancel();
    assert.equal(loaded(report.current).id, back.id, 'nothing to cancel once loaded');
  });

  it('on Cancel of the first load, says it was cancelled, and Retry loads it again', async () => {
    const { report, source } = setup();
    void report.load(RANGE, undefined);
    report.cancel();
    const state = report.current;
    assert.equal(state.phase, 'failed');
    assert.match(state.message, /cancelled loading the usage for 2021-02-20 to 2021-02-25/);
    const again = report.retry();
    source.answer(1);
    await again;
    assert.deepEqual(loaded(report.current).summary.range, RANGE);
  });

  it('tells how far the answers have come, meetings and bytes of every license, at most every 100 ms', async () => {
    const twoRecords = '{"status":true,"data":{"detail":[' + '{"roomName":"r","sessionTimeSecond":1,"createdAt":"2021-02-22T12:39:26.000Z"},'.repeat(2);
    const sources = ['a', 'b'].map((id) => ({
      id,
      label: id.toUpperCase(),
      source: {
        usageTable: (_range: UsageRange, options?: UsageOptions) => {
          const reader = options!.reader!();
          options!.onProgress?.({ bytes: 500, totalBytes: 1000 });
          reader.push(new TextEncoder().encode(twoRecords)); // the first is whole: one record read
          options!.onProgress?.({ bytes: 1000, totalBytes: 1000 });
          return Promise.resolve(asTable(SAMPLE));
        },
      },
    }));
    const told = async (step: number) => {
      let clock = 0;
      const report = new UsageReport(sources, quietLog, RANGE, undefined, () => (clock += step));
      const progress: LoadProgress[] = [];
      report.onDidProgress((news) => progress.push(news));
      await report.load(RANGE, undefined);
      report.dispose();
      return progress;
    };
    assert.deepEqual(await told(100), [
      { records: 0, bytes: 500 }, // no total until every license has said its own
      { records: 1, bytes: 500 },
      { records: 1, bytes: 1000 },
      { records: 1, bytes: 1500, totalBytes: 2000 },
      { records: 2, bytes: 1500, totalBytes: 2000 },
      { records: 2, bytes: 2000, totalBytes: 2000 },
    ]);
    assert.deepEqual(await told(99), [{ records: 0, bytes: 500 }, { records: 1, bytes: 1000 }, { records: 2, bytes: 1500, totalBytes: 2000 }], 'within 100 ms of the last, news waits');
  });

  it('tells the figures of the meetings read so far, in the report\'s zone, for one license\'s whole table', async () => {
    // The first record is whole (another follows it), the second not yet: one record read.
    const oneRecord = '{"status":true,"data":{"detail":[{"roomName":"r","sessionTimeSecond":90,"createdAt":"2021-02-22T12:39:26.000Z"},{"roomName":"s"';
    const source = {
      usageTable: (_range: UsageRange, options?: UsageOptions) => {
        options!.reader!().push(new TextEncoder().encode(oneRecord));
        return Promise.resolve(asTable(SAMPLE));
      },
    };
    const told = async (room: string | undefined) => {
      const report = new UsageReport([{ id: 'a', label: 'A', source }], quietLog, RANGE, room);
      report.setZone('Asia/Seoul');
      const progress: LoadProgress[] = [];
      report.onDidProgress((news) => progress.push(news));
      const asked = performance.now();
      await report.load(RANGE, room, asked);
      const { timing } = loaded(report.current);
      report.dispose();
      // When the first figures were told is part of the load's timing, from the range asked.
      assert.equal(timing?.soFarTold !== undefined && timing.soFarTold >= asked, room === undefined);
      return progress.flatMap((news) => (news.soFar ? [news.soFar] : []));
    };
    const [soFar, ...more] = await told(undefined);
    assert.equal(more.length, 0);
    assert.equal(soFar?.timeZone, 'Asia/Seoul');
    assert.deepEqual(soFar?.summary, { totalSeconds: 90, meetings: 1, rooms: 1, averageSeconds: 90, longest: { roomName: 'r', seconds: 90, startedAt: Date.parse('2021-02-22T12:39:26.000Z') }, busiestDay: { day: '2021-02-22', seconds: 90 } });
    assert.deepEqual(soFar?.perDay.map((day) => day.meetings), [0, 0, 1, 0, 0, 0], 'every day of the range, the meeting on its day in Seoul');
    assert.deepEqual(await told('r'), [], 'a room\'s report is cut from the table once read: no figures so far');
  });

  describe('across licenses', () => {
    const OTHER: Usage = {
      domain: 'customer1.example',
      totalSeconds: 3_600,
      skipped: 0,
      records: [
        { roomName: 'test', seconds: 3_000, createdAt: '2021-02-22T01:00:00.000Z' },
        { roomName: 'board', seconds: 600, createdAt: '2021-02-25T01:00:00.000Z' },
      ],
    };

    function several(count = 3) {
      const sources = Array.from({ length: count }, () => new FakeSource());
      const report = new UsageReport(sources.map((source, i) => ({ id: `id${i}`, label: `License ${i + 1}`, source })), quietLog, RANGE, undefined, () => Date.parse('2021-03-01T00:00:00Z'));
      report.setUserZone('UTC');
      return { report, sources };
    }

    it('asks every license at once, totals them, and keeps each license\'s figures and rooms apart', async () => {
      const { report, sources } = several(2);
      const done = report.load(RANGE, undefined);
      assert.deepEqual(sources.map((source) => source.asked.length), [1, 1], 'both asked before either answered');
      sources[1]!.answer(0, OTHER);
      sources[0]!.answer(0);
      await done;
      const { summary, table } = loaded(report.current);
      assert.deepEqual(summary.licenses, [{ id: 'id0', label: 'License 1' }, { id: 'id1', label: 'License 2' }]);
      assert.equal(summary.aggregates.summary.totalSeconds, 49_951 + 3_600);
      assert.equal(summary.serverTotalSeconds, 49_951 + 3_600);
      assert.equal(summary.domain, 'trial, customer1.example');
      assert.equal(summary.skipped, 1);
      assert.deepEqual(summary.aggregates.perLicense, [
        { license: 'License 1', seconds: 49_951, meetings: 4, rooms: 3 },
        { license: 'License 2', seconds: 3_600, meetings: 2, rooms: 2 },
      ]);
      // "test" is a room of both: two rooms, each with its license.
      assert.deepEqual(summary.aggregates.perRoom.filter((room) => room.roomName === 'test').map((room) => [room.license, room.seconds]), [['License 1', 6_405], ['License 2', 3_000]]);
      assert.deepEqual(table.licenseNames, ['License 1', 'License 2']);
      const csv = report.exportFile('csv', { filter: 'board', sort: 'startedAt', descending: false }).text;
      assert.equal(csv, '\uFEFFLicense,Room,Started (UTC),Duration (s),Duration\r\nLicense 2,board,2021-02-25 01:00:00,600,0:10:00\r\n');
    });

    it('names a license that failed, and totals the others without it', async () => {
      const { report, sources } = several(3);
      const done = report.load(RANGE, undefined);
      sources[0]!.answer(0);
      sources[1]!.fail(0, new ApiError('timeout', 'The S-Connector server did not answer in time.'));
      sources[2]!.answer(0, OTHER);
      await done;
      const { summary } = loaded(report.current);
      assert.deepEqual(summary.licenses, [
        { id: 'id0', label: 'License 1' },
        { id: 'id1', label: 'License 2', error: 'The S-Connector server did not answer in time.' },
        { id: 'id2', label: 'License 3' },
      ]);
      assert.equal(summary.aggregates.summary.totalSeconds, 49_951 + 3_600);
      assert.deepEqual(summary.aggregates.perLicense?.map((figures) => figures.meetings), [4, 0, 2], 'the failed license is listed, with nothing');
      const json = JSON.parse(report.exportFile('json', { filter: '', sort: 'startedAt', descending: false }).text) as { licenses: unknown[]; meetings: { license: string }[] };
      assert.deepEqual(json.licenses, [{ label: 'License 1' }, { label: 'License 2', failed: 'The S-Connector server did not answer in time.' }, { label: 'License 3' }]);
      assert.deepEqual(new Set(json.meetings.map((meeting) => meeting.license)), new Set(['License 1', 'License 3']));
    });

    it('fails as a whole only when no license answers, naming each', async () => {
      const { report, sources } = several(2);
      const done = report.load(RANGE, undefined);
      sources[0]!.fail(0, new ApiError('timeout', 'Timed out.'));
      sources[1]!.fail(0, new ApiError('httpStatus', 'HTTP 500.'));
      await done;
      const state = report.current;
      assert.equal(state.phase, 'failed');
      assert.equal(state.phase === 'failed' && state.message, 'No license answered. License 1: Timed out. License 2: HTTP 500.');
    });
  });
});
