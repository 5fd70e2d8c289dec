/**
 * When to ask the server again. Pure, so it can be tested with plain numbers.
 *  - Nobody needs the data (view hidden, status bar off), or signed out: no polling at all.
 *  - Focused window: every interval.
 *  - Unfocused window: the status bar may still be on screen, so it is kept roughly fresh at a
 *    slower pace; on focus, data older than one interval is refreshed at once.
 *  - Failing server: exponential backoff from the interval, capped, and never sooner than the
 *    server's Retry-After.
 */

export interface RefreshDemand {
  readonly signedIn: boolean;
  readonly focused: boolean;
  readonly viewVisible: boolean;
  readonly statusBarShown: boolean;
}

export interface PolicyInput {
  readonly intervalMs: number;
  readonly demand: RefreshDemand;
  /** Failed refreshes in a row. */
  readonly failures: number;
  readonly retryAfterMs?: number;
}

export const UNFOCUSED_SLOWDOWN = 4;
export const MAX_BACKOFF_MS = 5 * 60_000;

/** Milliseconds until the next refresh, or undefined when polling should pause. */
export function nextRefreshDelay(input: PolicyInput): number | undefined {
  const { demand } = input;
  if (!demand.signedIn || !(demand.viewVisible || demand.statusBarShown)) return undefined;
  const base = demand.focused ? input.intervalMs : input.intervalMs * UNFOCUSED_SLOWDOWN;
  if (input.failures === 0) return base;
  const backoff = Math.min(MAX_BACKOFF_MS, Math.max(base, input.intervalMs * 2 ** (input.failures - 1)));
  return Math.max(backoff, input.retryAfterMs ?? 0);
}

/** On focus or on becoming visible: refresh at once if the data is older than one interval. */
export function isDue(lastAttemptAt: number | undefined, now: number, intervalMs: number): boolean {
  return lastAttemptAt === undefined || now - lastAttemptAt >= intervalMs;
}
