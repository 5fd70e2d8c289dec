import * as assert from 'node:assert/strict';
import { aggregate, toMeetingTable } from '../../../src/report/aggregate';
import { markdownText, summaryMarkdown } from '../../../src/report/summaryMarkdown';
import type { ReportSummary } from '../../../src/shared/protocol';

const RANGE = { start: '2021-02-20', end: '2021-02-25' };
const TABLE = toMeetingTable([
  { roomName: 'gsdagd', seconds: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
  { roomName: 'test', seconds: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
  { roomName: 'test', seconds: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
  { roomName: '12312', seconds: 610, createdAt: '2021-02-21T02:34:52.000Z' },
]);

function report(extra: Partial<ReportSummary> = {}): ReportSummary {
  const limit = { roomLimit: 10, warningPercent: 80 };
  return {
    range: RANGE, timeZone: 'Asia/Seoul', domain: 'trial', meetings: 4, aggregates: aggregate(TABLE, RANGE, 'Asia/Seoul', limit), limit,
    serverTotalSeconds: 49951, totalsDiffer: false, skipped: 0, fetchedAt: 0, ...extra,
  };
}

describe('report/summaryMarkdown', () => {
  it("writes the document's sample as a table, with the peak and time at the limit", () => {
    assert.equal(summaryMarkdown(report()), [
      '**S-Connector usage, 2021-02-20 to 2021-02-25** (trial), times in Asia/Seoul.',
      '',
      '| Figure | Value | Change |',
      '| --- | ---: | ---: |',
      '| Total time | 13.9 h |  |',
      '| Meetings | 4 |  |',
      '| Rooms | 3 |  |',
      '| Average meeting | 3:28:08 |  |',
      '| Peak concurrent rooms | 1 of 10 (2021-02-21 11:34:52) |  |',
      '| Near the limit (≥ 8) | 0 h on 0 days |  |',
      '| At the limit | 0 h on 0 days |  |',
      '',
    ].join('\n'));
  });

  it('adds the change against the period before, and the month', () => {
    const text = summaryMarkdown(report({
      previous: { range: { start: '2021-02-14', end: '2021-02-19' }, summary: { totalSeconds: 100_000, meetings: 4, rooms: 0, averageSeconds: 1 }, peak: 2, perRoom: [] },
      month: { month: '2021-02', soFarSeconds: 7200, forecastSeconds: 36000, lastMonth: { month: '2021-01', totalSeconds: 72000, toSameDaySeconds: 3600 }, weekdayAverages: [] },
    }));
    assert.match(text, /Change against 2021-02-14 to 2021-02-19\./);
    assert.match(text, /\| Total time \| 13\.9 h \| ▼ 50 % \|/);
    assert.match(text, /\| Meetings \| 4 \| = 0 % \|/);
    assert.match(text, /\| Rooms \| 3 \| new \|/);
    assert.match(text, /\| Peak concurrent rooms \| .* \| ▼ 50 % \|/);
    assert.match(text, /\| This month \(2021-02\) so far \| 2 h \| ▲ 100 % \|/);
    assert.match(text, /\| Forecast for the month \| about 10 h \|/);
    assert.match(text, /\| Last month \(2021-01\) \| 20 h \|/);
  });

  it('escapes what Markdown would read as markup in a name, so that it stays text', () => {
    assert.equal(markdownText('[x](https://evil) | *a*\n`b`'), '\\[x\\]\\(https://evil\\) \\| \\*a\\* \\`b\\`');
    const text = summaryMarkdown(report({ room: '![i](x) | y', domain: '<b>' }));
    assert.match(text, /\(\\<b\\>, room \\!\\\[i\\\]\\\(x\\\) \\\| y\)/);
  });
});
