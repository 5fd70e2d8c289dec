/**
 * Usage alerts: a monthly budget of meeting hours with steps (50/80/100 % by default), and live
 * rooms at or above a count for some minutes. They read only what the extension fetches anyway (the
 * live poll, the 15-minute month figure) and ask nothing. Each license has its own: a step fires
 * once per license and period (the month; the day for live rooms), can be snoozed for the period,
 * or turned off for the license for good. What fired is kept in the extension's global state, so a
 * window reload does not fire it again. No vscode here.
 */
import { todayIn } from '../report/timeZone';
import { isRecord } from '../shared/isRecord';
import type { MonthForecast } from '../shared/reportTypes';
import type { AlertSettings } from './alertSettings';

export type AlertKind = 'monthly' | 'liveRooms';

export interface Alert {
  readonly licenseId: string;
  readonly kind: AlertKind;
  /** `YYYY-MM` for the monthly budget, `YYYY-MM-DD` for live rooms. */
  readonly period: string;
  /** The step reached (in % of the budget), or the room count reached. */
  readonly step: number;
  /** The monthly figures, or the live count and for how long it has held. */
  readonly usedSeconds?: number;
  readonly budgetHours?: number;
  readonly rooms?: number;
  readonly minutes?: number;
}

/** Where the alerts keep what fired: the extension's global state. */
export interface AlertStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const ALERTS_KEY = 'sconnector.alerts';

interface Fired {
  readonly period: string;
  readonly step: number;
  readonly snoozed?: boolean;
}

interface LicenseAlerts {
  readonly monthly?: Fired;
  readonly liveRooms?: Fired;
  readonly never?: readonly AlertKind[];
}

export class UsageAlerts {
  /** Since when each license has had at least the live-room count, by license id. */
  private readonly liveSince = new Map<string, number>();

  constructor(
    private readonly store: AlertStore,
    private readonly settings: () => AlertSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private stored(): Readonly<Record<string, LicenseAlerts>> {
    const value = this.store.get(ALERTS_KEY);
    return isRecord(value) ? (value as Record<string, LicenseAlerts>) : {};
  }

  private blocked(licenseId: string, kind: AlertKind, period: string, step: number): boolean {
    const mine = this.stored()[licenseId];
    if (mine?.never?.includes(kind)) return true;
    const fired = mine?.[kind];
    return fired?.period === period && (fired.snoozed === true || fired.step >= step);
  }

  /** The monthly step this figure has newly reached, if any. */
  checkMonth(licenseId: string, month: MonthForecast): Alert | undefined {
    const budget = this.settings().monthlyHours;
    if (budget === undefined) return undefined;
    const percent = (month.soFarSeconds / (budget * 3600)) * 100;
    const step = this.settings().monthlySteps.filter((s) => s <= percent).at(-1);
    if (step === undefined || this.blocked(licenseId, 'monthly', month.month, step)) return undefined;
    return { licenseId, kind: 'monthly', period: month.month, step, usedSeconds: month.soFarSeconds, budgetHours: budget };
  }

  /** An alert when the live rooms have been at or above the count for long enough, once a day. */
  checkLive(licenseId: string, rooms: number): Alert | undefined {
    const rule = this.settings().liveRooms;
    const now = this.now();
    if (!rule || rooms < rule.rooms) {
      this.liveSince.delete(licenseId);
      return undefined;
    }
    const since = this.liveSince.get(licenseId) ?? now;
    this.liveSince.set(licenseId, since);
    if (now - since < rule.minutes * 60_000) return undefined;
    const period = todayIn(undefined, now);
    if (this.blocked(licenseId, 'liveRooms', period, rule.rooms)) return undefined;
    return { licenseId, kind: 'liveRooms', period, step: rule.rooms, rooms, minutes: Math.floor((now - since) / 60_000) };
  }

  private async change(licenseId: string, change: (mine: LicenseAlerts) => LicenseAlerts): Promise<void> {
    const all = this.stored();
    await this.store.update(ALERTS_KEY, { ...all, [licenseId]: change(all[licenseId] ?? {}) });
  }

  /** Marks the alert as shown: it does not fire again this period, for this step or a lower one. */
  fired(alert: Alert): Promise<void> {
    return this.change(alert.licenseId, (mine) => ({ ...mine, [alert.kind]: { period: alert.period, step: alert.step } }));
  }

  /** No more of this kind for this license until the period ends. */
  snooze(alert: Alert): Promise<void> {
    return this.change(alert.licenseId, (mine) => ({ ...mine, [alert.kind]: { period: alert.period, step: alert.step, snoozed: true } }));
  }

  /** No more of this kind for this license, ever (until the user resets it by removing the license). */
  never(alert: Alert): Promise<void> {
    return this.change(alert.licenseId, (mine) => ({ ...mine, never: [...new Set([...(mine.never ?? []), alert.kind])] }));
  }

  /** Forgets a removed license. */
  forget(licenseId: string): Promise<void> {
    const { [licenseId]: _gone, ...rest } = this.stored();
    this.liveSince.delete(licenseId);
    return Promise.resolve(this.store.update(ALERTS_KEY, rest));
  }
}

/** The days an alert is about: its month up to today (or to its end), or its day. */
export function alertRange(alert: Pick<Alert, 'kind' | 'period'>, today: string): { start: string; end: string } {
  if (alert.kind !== 'monthly') return { start: alert.period, end: alert.period };
  const [year, month] = alert.period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { start: `${alert.period}-01`, end: today < last ? today : last };
}
