/**
 * Concurrent rooms over the range as a step chart (uPlot, which runs under the page's CSP), with
 * the room limit and the warning threshold as lines, and a line under it that reads out the count
 * at the instant pointed at.
 */
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import type { ConcurrencySteps } from '../report/concurrency';
import { formatInstant } from '../report/exportFile';
import type { CapacityLimit } from '../shared/reportTypes';
import { ChartBox } from './chartBox';
import { pageLanguage, themeColor } from './dom';
import { axisDateFormat } from './timeAxis';

const HEIGHT = 200;

export class ConcurrencyChart extends ChartBox {
  constructor(container: HTMLElement, readout: HTMLElement) {
    super(container, readout, HEIGHT);
  }

  render(steps: ConcurrencySteps, limit: CapacityLimit | undefined, warningRooms: number | undefined, timeZone: string): void {
    const foreground = themeColor('--vscode-foreground', '#ccc');
    const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    // Seconds for uPlot's time axis; the last step is drawn to the window's end.
    const xs = [...Array.from(steps.times, (t) => t / 1000), steps.window.end / 1000];
    const counts = [...Array.from(steps.counts), steps.counts[steps.counts.length - 1] ?? 0];
    // A loop, not Math.max(...counts): 100,000 meetings make ~200,000 steps, more arguments than a call takes.
    let top = Math.max(1, limit?.roomLimit ?? 0);
    for (const count of counts) if (count > top) top = count;
    const lines: { label: string; value: number; color: string; dash?: number[] }[] = [];
    if (limit && limit.roomLimit > 0) {
      lines.push({ label: l10n.t('Room limit'), value: limit.roomLimit, color: themeColor('--vscode-charts-red', '#f14c4c') });
      if (warningRooms !== undefined && warningRooms < limit.roomLimit) lines.push({ label: l10n.t('Warning'), value: warningRooms, color: themeColor('--vscode-charts-yellow', '#cca700'), dash: [6, 4] });
    }
    const show = (index: number | null | undefined) => {
      if (index === null || index === undefined || index >= steps.counts.length) {
        this.readout.textContent = l10n.t('Point at the chart to see how many rooms were busy.');
        return;
      }
      this.readout.textContent = l10n.t('{0}: {1} rooms busy', formatInstant(steps.times[index]!, timeZone), steps.counts[index]!.toLocaleString());
    };
    show(undefined);
    const color = themeColor('--vscode-charts-blue', '#3794ff');
    this.draw(
      {
        // Instants are shown on the wall clock of the report's zone, whatever the browser's.
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), timeZone),
        fmtDate: axisDateFormat(pageLanguage()),
        scales: { x: { time: true }, y: { range: [0, top * 1.15] } },
        axes: [
          { stroke: foreground, grid: { show: false }, ticks: { stroke: grid } },
          { stroke: foreground, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_, splits) => splits.map((split) => (Number.isInteger(split) ? String(split) : '')) },
        ],
        series: [
          {},
          { label: l10n.t('Busy rooms'), stroke: color, width: 2, points: { show: false }, paths: uPlot.paths.stepped!({ align: 1 }) },
          ...lines.map((line) => ({ label: line.label, stroke: line.color, width: 1, points: { show: false }, spanGaps: true, ...(line.dash && { dash: line.dash }) })),
        ],
        cursor: { drag: { x: true, y: false }, points: { show: false } },
        legend: { show: false },
        hooks: { setCursor: [(plot) => show(plot.cursor.idx)] },
      },
      // Each line is its two ends, joined across the nulls between (spanGaps): with a value at every
      // step, each line cost as much to draw as the steps themselves (200,000 segments at 100,000
      // meetings), while the page did nothing else.
      [xs, counts, ...lines.map((line) => xs.map((_, i) => (i === 0 || i === xs.length - 1 ? line.value : null)))],
    );
  }
}
