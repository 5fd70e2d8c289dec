/**
 * One license's month so far and its forecast (report/monthForecast.ts), fetched with one usage
 * request from the first of last month to today, and kept for 15 minutes: the tree's figure, the
 * report's month card and the monthly usage alert all read it, and none of them asks more often.
 * It asks only when told to (the tree shows the license, an alert needs it, a report opens), never
 * on its own. No vscode here.
 */
import { isApiError } from '../api/errors';
import { forecastRange, monthForecast } from '../report/monthForecast';
import { todayIn } from '../report/timeZone';
import type { MonthForecast } from '../shared/reportTypes';
import { type Disposable, Emitter } from './events';
import type { UsageSource } from './usageReport';

/** How long a month figure is good for. */
export const MONTH_FRESH_MS = 15 * 60_000;

export interface MonthState {
  readonly forecast?: MonthForecast;
  readonly fetchedAt?: number;
  /** Why the last fetch failed (the figure above, if any, is then older). */
  readonly error?: string;
}

export class MonthToDate implements Disposable {
  private readonly changed = new Emitter<MonthState>();
  /** Fires after each fetch, with what it brought. */
  readonly onDidChange = this.changed.event;
  private state: MonthState = {};
  private pending: Promise<MonthForecast> | undefined;
  private disposed = false;

  constructor(
    private readonly source: UsageSource,
    private readonly now: () => number = Date.now,
    /** The zone days are counted in; undefined for the runtime's own. */
    private readonly timeZone: () => string | undefined = () => undefined,
  ) {}

  get current(): MonthState {
    return this.state;
  }

  /** Whether the figure is missing or older than 15 minutes (a failed fetch counts as a fetch). */
  get stale(): boolean {
    const at = this.state.fetchedAt;
    return at === undefined || this.now() - at >= MONTH_FRESH_MS || this.now() < at;
  }

  /** Fetches when stale, one request at a time; a failure is kept in the state, not thrown. */
  async refreshIfStale(): Promise<void> {
    if (!this.stale && !this.pending) return;
    try {
      await this.fetch();
    } catch {
      // In the state already.
    }
  }

  /** The figure: the one held when fresh, else fetched now. */
  async get(): Promise<MonthForecast> {
    const { forecast } = this.state;
    if (forecast && !this.stale && !this.state.error) return forecast;
    return this.fetch();
  }

  private fetch(): Promise<MonthForecast> {
    this.pending ??= this.ask().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async ask(): Promise<MonthForecast> {
    const zone = this.timeZone();
    const now = this.now();
    try {
      // The client has already dropped records it could not read.
      const { table } = await this.source.usageTable(forecastRange(todayIn(zone, now)));
      const forecast = monthForecast(table, zone, now);
      this.set({ forecast, fetchedAt: now });
      return forecast;
    } catch (error) {
      this.set({ ...(this.state.forecast && { forecast: this.state.forecast }), fetchedAt: now, error: isApiError(error) ? error.message : String(error) });
      throw error;
    }
  }

  private set(state: MonthState): void {
    if (this.disposed) return;
    this.state = state;
    this.changed.fire(state);
  }

  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
  }
}
