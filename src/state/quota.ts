/** How full the license is, in the three levels the status bar, tree and notification show. */

export type QuotaLevel = 'ok' | 'warning' | 'full';

export function quotaLevel(inUse: number, limit: number, warningPercent: number): QuotaLevel {
  if (limit <= 0) return inUse > 0 ? 'full' : 'ok';
  if (inUse >= limit) return 'full';
  return inUse * 100 >= limit * warningPercent ? 'warning' : 'ok';
}

/** Percentage of the limit in use, rounded; 0 for a license without a limit. */
export function quotaPercent(inUse: number, limit: number): number {
  return limit > 0 ? Math.round((inUse * 100) / limit) : 0;
}

/**
 * A license's warning threshold: its own in `thresholds` (by label, without case or surrounding
 * spaces), else the default one.
 */
export function warningPercentFor(settings: { readonly quotaWarningPercent: number; readonly licenseThresholds: Readonly<Record<string, number>> }, label: string): number {
  const wanted = label.trim().toLocaleLowerCase();
  const own = Object.entries(settings.licenseThresholds).find(([name]) => name.trim().toLocaleLowerCase() === wanted);
  return own?.[1] ?? settings.quotaWarningPercent;
}

/** A license's level from what it shows, when it has counts (license and rooms) to have one. */
export function levelOfCounts(shown: { readonly license?: { readonly roomLimit: number }; readonly rooms?: readonly unknown[] }, warningPercent: number): QuotaLevel | undefined {
  const { license, rooms } = shown;
  return license && rooms ? quotaLevel(rooms.length, license.roomLimit, warningPercent) : undefined;
}
