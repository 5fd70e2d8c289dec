/** Figures measured in plain Node: bundle sizes, and the report's work at 100,000 records against the bare request. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aggregate, toMeetingTable } from '../../src/report/aggregate';
import { capacityOf } from '../../src/report/capacity';
import { roomChange } from '../../src/report/comparison';
import { weekHourSeconds } from '../../src/report/heatmap';
import { DEFAULT_QUERY, selectRows } from '../../src/report/tableView';
import { toWire } from '../../src/shared/protocol';
import { ReportWorker } from '../../src/state/reportCompute';
import { startEmulator } from '../emulator/server';
import { makeStack } from '../unit/api/fixture';
import { repoRoot } from '../harness/workspace';
import { type Figure, median, timed } from './figures';

const KB = 1024;
const RUNS = 7;

export function sizeFigures(): Figure[] {
  // The release build, as the .vsix ships it.
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: repoRoot, stdio: 'inherit' });
  const size = (file: string) => fs.statSync(path.join(repoRoot, file)).size / KB;
  const vsix = path.join(repoRoot, '.vscode-test', 'bench.vsix');
  execFileSync('npm', ['run', '--silent', 'package', '--', '-o', vsix], { cwd: repoRoot, stdio: 'ignore' });
  return [
    { name: 'extension bundle (dist/extension.js, minified)', value: size('dist/extension.js'), unit: 'KB', budget: 80 },
    { name: 'usage report bundle, loaded on first use (dist/report.js)', value: size('dist/report.js'), unit: 'KB' },
    { name: 'license and account commands bundle, loaded on first use (dist/commands.js)', value: size('dist/commands.js'), unit: 'KB' },
    { name: 'month figures and usage alerts bundle, loaded when the tree shows a license (dist/month.js)', value: size('dist/month.js'), unit: 'KB' },
    { name: 'node-fetch, loaded on the first request (dist/fetch.js)', value: size('dist/fetch.js'), unit: 'KB' },
    { name: 'webview bundle (report.js + report.css, with uPlot)', value: size('dist/webview/report.js') + size('dist/webview/report.css'), unit: 'KB', budget: 250 },
    { name: 'packaged .vsix', value: fs.statSync(vsix).size / KB, unit: 'KB', budget: 500 },
  ];
}

export async function reportFigures(records: number): Promise<{ figures: Figure[] }> {
  const emulator = await startEmulator({ records, seed: 3 });
  const worker = new ReportWorker(path.join(repoRoot, 'dist', 'reportWorker.js'));
  try {
    const range = { start: '2000-01-01', end: new Date().toISOString().slice(0, 10) };
    const { client, tokens } = makeStack(emulator.url);
    const { token } = await tokens.token();
    const url = `${emulator.url}/v1/static?startTime=${range.start}&endTime=${range.end}`;
    const bare: number[] = [];
    const parsed: number[] = [];
    const streamed: number[] = [];
    const inWorker: number[] = [];
    const beside: number[] = [];
    const work: number[] = [];
    const sorts: number[] = [];
    const analytics: number[] = [];
    let meetings = 0;
    for (let run = 0; run < RUNS; run++) {
      bare.push((await timed(async () => (await fetch(url, { headers: { 's-connector-jwt': token } })).text())).ms);
      const { ms, result: usage } = await timed(() => client.usage(range));
      parsed.push(ms);
      streamed.push((await timed(() => client.usageTable(range))).ms);
      // As the report reads: its totals counted batch by batch as the records are read.
      const counting = { range, timeZone: 'Asia/Seoul', limit: { roomLimit: 1000, warningPercent: 80 } };
      inWorker.push((await timed(() => client.usageTable(range, { reader: () => worker.usageReader({ counting }) }))).ms);
      // The other order: the period before and the month asked beside the report, as before this
      // version (both about as large here), and the report's own answer timed among them.
      const own = timed(() => client.usageTable(range, { reader: () => worker.usageReader() }));
      await Promise.all([own, client.usageTable(range, { reader: () => worker.usageReader() }), client.usageTable({ start: range.start, end: range.end }, { reader: () => worker.usageReader() })]);
      beside.push((await own).ms);
      // What the extension host does per report (state/usageReport.ts and the panel): the table,
      // the totals, the wire form. Sorting is the page's; it is timed apart, as Node runs it.
      const built = await timed(() => {
        const table = toMeetingTable(usage.records);
        aggregate(table, range, 'Asia/Seoul');
        toWire(table);
        return table;
      });
      work.push(built.ms);
      sorts.push((await timed(() => selectRows(built.result, DEFAULT_QUERY))).ms);
      // Capacity and trends, each as the report computes it: concurrency (sweep line and per-day
      // figures), the weekday × hour heatmap in a zone, and the comparison of every room.
      // Over the days the records span (180), as a user asks for them.
      const days = usage.records.map((record) => record.createdAt.slice(0, 10)).sort();
      const span = { start: days[0]!, end: days.at(-1)! };
      const { perRoom } = aggregate(built.result, span, 'UTC');
      analytics.push((await timed(() => {
        capacityOf(built.result, span, 'Asia/Seoul', { roomLimit: 10, warningPercent: 80 });
        weekHourSeconds(built.result, 'Asia/Seoul');
        roomChange(perRoom, perRoom.slice(1));
        return undefined;
      })).ms);
      meetings = built.result.room.length;
    }
    const bareMs = median(bare);
    const workMs = median(work);
    return {
      figures: [
        { name: `bare HTTP request for ${meetings.toLocaleString()} records (fetch + body)`, value: bareMs, unit: 'ms' },
        { name: 'client.usage(): request, JSON parse and schema checks, after the last byte', value: median(parsed), unit: 'ms' },
        { name: 'client.usageTable(): records read as they arrive, in this thread', value: median(streamed), unit: 'ms' },
        { name: 'client.usageTable(): records read and counted as they arrive, in the report worker', value: median(inWorker), unit: 'ms' },
        { name: '  as a multiple of the bare request', value: median(inWorker) / bareMs, unit: '×' },
        { name: '  the same with the period before and the month asked beside it (the order before this version)', value: median(beside), unit: 'ms' },
        { name: 'extension-host work per report: table + per-day/per-room totals + wire form', value: workMs, unit: 'ms' },
        { name: '  as a share of the bare request', value: workMs / bareMs, unit: '×', budget: 1 },
        { name: 'default sort of the meetings (newest first), in Node', value: median(sorts), unit: 'ms' },
        { name: `capacity and trends: concurrency + heatmap + room comparison (${meetings.toLocaleString()} records)`, value: median(analytics), unit: 'ms', budget: 50 },
      ],
    };
  } finally {
    worker.dispose();
    await emulator.close();
  }
}
