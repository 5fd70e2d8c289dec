/**
 * Usage per day as a bar chart (uPlot: canvas, no eval, no inline styles, so it runs under the
 * page's CSP), with a line under it that reads out the day the pointer is on. Across licenses the
 * bars are stacked by license: each license is a series drawn from zero to its running total, the
 * tallest first, so that each shorter one paints its part over it.
 */
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import type { DayUsage } from '../shared/reportTypes';
import { ChartBox } from './chartBox';
import { themeColor } from './dom';
import { dayReadout } from './format';

export class DayChart extends ChartBox {
  /**
   * @param container where the chart is drawn
   * @param readout the line that names the day pointed at, and its figures
   */
  constructor(container: HTMLElement, readout: HTMLElement) {
    super(container, readout, HEIGHT);
  }

  /**
   * @param byLicense across licenses: each license's label and seconds per day (aligned with `days`)
   */
  render(days: readonly DayUsage[], byLicense: readonly { readonly label: string; readonly seconds: readonly number[] }[] = []): void {
    const foreground = themeColor('--vscode-foreground', '#ccc');
    const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    const hours = days.map((day) => day.seconds / 3600);
    const max = Math.max(1, ...hours);
    const label = (index: number) => days[index]?.day ?? '';
    const showDay = (index: number | null | undefined) => {
      const day = index === null || index === undefined ? undefined : days[index];
      this.readout.textContent = dayReadout(day, day ? byLicense.map((license) => ({ label: license.label, seconds: license.seconds[index!] ?? 0 })) : []);
    };
    // One series per license, its running total; one series of all usage when there is one license.
    const stacks = byLicense.length > 1
      ? byLicense.map((_, k) => days.map((__, d) => byLicense.slice(0, k + 1).reduce((sum, license) => sum + (license.seconds[d] ?? 0), 0) / 3600)).reverse()
      : [hours];
    const names = byLicense.length > 1 ? byLicense.map((license) => license.label).reverse() : [l10n.t('Usage')];
    showDay(undefined);
    this.draw(
      {
        scales: { x: { time: false, range: [-0.6, days.length - 0.4] }, y: { range: [0, max * 1.1] } },
        axes: [
          {
            stroke: foreground,
            grid: { show: false },
            ticks: { stroke: grid },
            space: 56,
            values: (_, splits) => splits.map((split) => (Number.isInteger(split) ? label(split).slice(5) : '')),
          },
          { stroke: foreground, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_, splits) => splits.map((split) => l10n.t('{0} h', split)) },
        ],
        series: [
          {},
          ...stacks.map((_, s) => {
            // The palette from the bottom of the stack up: the first license is blue, as the single-license bar.
            const color = themeColor(PALETTE[(stacks.length - 1 - s) % PALETTE.length]!, '#3794ff');
            return { label: names[s]!, stroke: color, fill: color, points: { show: false }, paths: uPlot.paths.bars!({ size: [0.7, 48] }) };
          }),
        ],
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        legend: { show: false },
        hooks: { setCursor: [(plot) => showDay(plot.cursor.idx)] },
      },
      [days.map((_, index) => index), ...stacks],
    );
  }
}

const HEIGHT = 220;
/** The theme's chart colours, one per license in turn. */
export const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'] as const;
