/**
 * When to ask the server again. Pure, so it can be tested with plain numbers.
 *  - Nobody needs the data (view hidden, status bar off), or signed out: no polling at all.
 *  - Focused window: every interval.
 *  - Unfocused window: the status bar may still be on screen, so it is kept roughly fresh at a
 *    slower pace; on focus, data older than one interval is refreshed at once.
 *  - Failing server: exponential backoff from the interval, capped at MAX_BACKOFF_MS but never
 *    sooner than the normal pace, and never sooner than the server's Retry-After (itself capped at
 *    MAX_RETRY_AFTER_MS where it is read). The result always fits a timer (see MAX_TIMER_MS).
 */
import { MAX_RETRY_AFTER_MS } from '../api/http';

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
/** setTimeout fires at once for a delay above 2^31 - 1 ms: no delay may reach it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds until the next refresh, or undefined when polling should pause. */
export function nextRefreshDelay(input: PolicyInput): number | undefined {
  const { demand } = input;
  if (!demand.signedIn || !(demand.viewVisible || demand.statusBarShown)) return undefined;
  const base = demand.focused ? input.intervalMs : input.intervalMs * UNFOCUSED_SLOWDOWN;
  // Stryker disable next-line ConditionalExpression: a fast path; without failures the backoff below is the base interval too
  if (input.failures === 0) return Math.min(MAX_TIMER_MS, base);
  const backoff = Math.max(base, Math.min(MAX_BACKOFF_MS, input.intervalMs * 2 ** (input.failures - 1)));
  const asked = input.retryAfterMs ?? 0;
  const retryAfter = Number.isNaN(asked) ? MAX_RETRY_AFTER_MS : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, asked));
  return Math.min(MAX_TIMER_MS, Math.max(backoff, retryAfter));
}

/** On focus or on becoming visible: refresh at once if the data is older than one interval. */
export function isDue(lastAttemptAt: number | undefined, now: number, intervalMs: number): boolean {
  return lastAttemptAt === undefined || now - lastAttemptAt >= intervalMs;
}
