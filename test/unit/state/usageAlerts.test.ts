import * as assert from 'node:assert/strict';
import { DEFAULT_STEPS, readAlertSettings } from '../../../src/state/alertSettings';
import type { AlertSettings } from '../../../src/state/alertSettings';
import { ALERTS_KEY, alertRange, UsageAlerts } from '../../../src/state/usageAlerts';
import type { MonthForecast } from '../../../src/shared/reportTypes';

class Store {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

const month = (soFarHours: number, name = '2026-11'): MonthForecast => ({
  month: name, soFarSeconds: soFarHours * 3600, forecastSeconds: soFarHours * 7200,
  lastMonth: { month: '2026-10', totalSeconds: 0, toSameDaySeconds: 0 }, weekdayAverages: [0, 0, 0, 0, 0, 0, 0],
});

describe('state/usageAlerts', () => {
  describe('readAlertSettings', () => {
    it('is off until set, with the default steps', () => {
      assert.deepEqual(readAlertSettings(undefined, undefined, undefined), { monthlySteps: DEFAULT_STEPS });
      assert.deepEqual(readAlertSettings(null, null, null), { monthlySteps: DEFAULT_STEPS });
    });

    it('reads a budget, steps (sorted, unique, bounded) and a live-room rule', () => {
      assert.deepEqual(readAlertSettings(300, [100, 50, 50, 0, -5, 'x', 2000], { rooms: 7.2, minutes: 10 }), { monthlyHours: 300, monthlySteps: [50, 100, 1000], liveRooms: { rooms: 8, minutes: 10 } });
      assert.deepEqual(readAlertSettings(0, [], { rooms: 3 }), { monthlySteps: DEFAULT_STEPS, liveRooms: { rooms: 3, minutes: 0 } });
      assert.deepEqual(readAlertSettings(Number.POSITIVE_INFINITY, 'x', { rooms: 0, minutes: 5 }), { monthlySteps: DEFAULT_STEPS });
      assert.deepEqual(readAlertSettings(1e9, undefined, { rooms: 2, minutes: -1 }), { monthlyHours: 1_000_000, monthlySteps: DEFAULT_STEPS });
      assert.deepEqual(readAlertSettings(undefined, undefined, { rooms: 2, minutes: 1e6 }).liveRooms, { rooms: 2, minutes: 1440 });
    });
  });

  describe('monthly budget', () => {
    let settings: AlertSettings;
    let store: Store;
    let alerts: UsageAlerts;
    beforeEach(() => {
      settings = { monthlyHours: 100, monthlySteps: [50, 80, 100] };
      store = new Store();
      alerts = new UsageAlerts(store, () => settings);
    });

    it('fires the highest step reached, once per month, then the next step', async () => {
      assert.equal(alerts.checkMonth('a', month(49)), undefined);
      const first = alerts.checkMonth('a', month(85));
      assert.deepEqual(first, { licenseId: 'a', kind: 'monthly', period: '2026-11', step: 80, usedSeconds: 85 * 3600, budgetHours: 100 });
      await alerts.fired(first);
      assert.equal(alerts.checkMonth('a', month(90)), undefined, 'the 80 % step has been said');
      assert.equal(alerts.checkMonth('a', month(100))?.step, 100);
      assert.equal(alerts.checkMonth('a', month(60, '2026-12'))?.step, 50, 'a new month starts again');
      assert.equal(alerts.checkMonth('b', month(85))?.step, 80, 'each license has its own');
    });

    it('stays quiet for the month when snoozed, and for good when told', async () => {
      await alerts.snooze(alerts.checkMonth('a', month(55))!);
      assert.equal(alerts.checkMonth('a', month(120)), undefined);
      assert.equal(alerts.checkMonth('a', month(55, '2026-12'))?.step, 50);
      await alerts.never(alerts.checkMonth('a', month(55, '2026-12'))!);
      assert.equal(alerts.checkMonth('a', month(99, '2027-01')), undefined);
      assert.deepEqual((store.get(ALERTS_KEY) as Record<string, { never: string[] }>).a!.never, ['monthly']);
    });

    it('is off without a budget, and forgets a removed license', async () => {
      settings = { monthlySteps: [50] };
      assert.equal(alerts.checkMonth('a', month(1000)), undefined);
      settings = { monthlyHours: 10, monthlySteps: [50] };
      await alerts.fired(alerts.checkMonth('a', month(6))!);
      await alerts.forget('a');
      assert.equal(alerts.checkMonth('a', month(6))?.step, 50);
    });
  });

  describe('live rooms', () => {
    it('fires when the count has held for the minutes asked, once a day', async () => {
      let now = Date.parse('2026-11-29T10:00:00Z');
      const alerts = new UsageAlerts(new Store(), () => ({ monthlySteps: DEFAULT_STEPS, liveRooms: { rooms: 3, minutes: 10 } }), () => now);
      assert.equal(alerts.checkLive('a', 3), undefined, 'just reached');
      now += 9 * 60_000;
      assert.equal(alerts.checkLive('a', 4), undefined);
      now += 60_000;
      const alert = alerts.checkLive('a', 3);
      assert.equal(alert?.minutes, 10);
      assert.equal(alert?.rooms, 3);
      assert.equal(alert?.step, 3);
      await alerts.fired(alert);
      now += 60_000;
      assert.equal(alerts.checkLive('a', 5), undefined, 'said today');
      now += 86_400_000;
      assert.ok(alerts.checkLive('a', 5), 'and again the next day');
    });

    it('starts counting again after the count drops', () => {
      let now = 0;
      const alerts = new UsageAlerts(new Store(), () => ({ monthlySteps: DEFAULT_STEPS, liveRooms: { rooms: 2, minutes: 5 } }), () => now);
      alerts.checkLive('a', 2);
      now += 4 * 60_000;
      alerts.checkLive('a', 1);
      now += 2 * 60_000;
      assert.equal(alerts.checkLive('a', 2), undefined);
      now += 5 * 60_000;
      assert.ok(alerts.checkLive('a', 2));
    });

    it('is off without a rule', () => {
      const alerts = new UsageAlerts(new Store(), () => ({ monthlySteps: DEFAULT_STEPS }));
      assert.equal(alerts.checkLive('a', 1000), undefined);
    });
  });
});

describe('state/usageAlerts alertRange', () => {
  it("opens the report on the alert's month up to today, or on its day", () => {
    assert.deepEqual(alertRange({ kind: 'monthly', period: '2026-11' }, '2026-11-29'), { start: '2026-11-01', end: '2026-11-29' });
    assert.deepEqual(alertRange({ kind: 'monthly', period: '2026-02' }, '2026-03-02'), { start: '2026-02-01', end: '2026-02-28' });
    assert.deepEqual(alertRange({ kind: 'liveRooms', period: '2026-11-29' }, '2026-11-30'), { start: '2026-11-29', end: '2026-11-29' });
  });
});
