/**
 * What the page's charts share: a uPlot chart in a container that follows the container's width,
 * drawn anew for each render, with a readout line under it that the chart's cursor writes to.
 */
import uPlot from 'uplot';

export abstract class ChartBox {
  private plot: uPlot | undefined;
  private readonly resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height }));

  /**
   * @param container where the chart is drawn
   * @param readout the line that says what the pointer is on (in place of uPlot's legend, which
   *   shows empty values until the pointer is on the data)
   * @param height the chart's height in pixels
   */
  constructor(
    protected readonly container: HTMLElement,
    protected readonly readout: HTMLElement,
    private readonly height: number,
  ) {
    this.resize.observe(container);
  }

  /** Replaces the chart drawn before, if any, with one of these options and data. */
  protected draw(options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): void {
    this.plot?.destroy();
    this.plot = new uPlot({ ...options, width: this.width(), height: this.height }, data, this.container);
  }

  private width(): number {
    return Math.max(280, this.container.clientWidth);
  }

  dispose(): void {
    this.resize.disconnect();
    this.plot?.destroy();
  }
}
