/**
 * Fault injection: the misbehaviours a real API and the proxies in front of it show (slow answers,
 * 5xx, gateway pages, rate limits, redirects to another origin, dropped connections, 200s that are
 * errors, silence), queued by tests through the control API and applied before normal handling.
 *
 * Matching: a fault applies to a request whose raw path starts with its `path` (every API path when
 * absent; control paths never see faults) and whose raw query contains its `query` (any when absent:
 * `startTime=2021-02-14` picks out one usage range). It affects `times` matching requests (default 1, -1 =
 * until cleared). Latency faults add up and the request then goes on (to the next fault or the
 * normal answer), as does a trickle (the answer's body then goes out slowly); the first other
 * matching fault decides the answer, and only that one is used up.
 */
import type { Fault, FaultType, RedirectStatus } from './types';

export type TerminalFault = Exclude<Fault, { type: 'latency' | 'trickle' }>;

export interface FaultPlan {
  delayMs: number;
  /** Send the body at this rate; undefined for at once. */
  bytesPerSecond?: number;
  fault?: TerminalFault;
}

interface ActiveFault {
  fault: Fault;
  /** Requests it still affects; -1 = until cleared. */
  remaining: number;
}

const TYPES: readonly FaultType[] = ['latency', 'trickle', 'status', 'retryAfter', 'redirect', 'reset', 'nonJson', 'statusFalse', 'hang'];
const ALLOWED_KEYS: Record<FaultType, readonly string[]> = {
  latency: ['ms'],
  trickle: ['bytesPerSecond'],
  status: ['status', 'message'],
  retryAfter: ['seconds', 'httpDate'],
  redirect: ['status', 'location'],
  reset: [],
  nonJson: [],
  statusFalse: ['message'],
  hang: [],
};

export const REDIRECT_STATUSES: readonly RedirectStatus[] = [301, 302, 303, 307, 308];
/** Far beyond setTimeout's 2^31-1 ms (~24.8 days), so clients that sleep for Retry-After as asked can be caught. */
export const MAX_RETRY_AFTER_SECONDS = 4_000_000_000;
/** What Node refuses in a header value (it throws ERR_INVALID_CHAR): control characters and anything above U+00FF. */
const UNSENDABLE_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

export class FaultList {
  private faults: ActiveFault[] = [];

  add(fault: Fault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /** Decides what happens to a request for `path`, using up the faults involved. */
  take(path: string, query = ''): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const active of [...this.faults]) {
      const { fault } = active;
      if ((fault.path !== undefined && !path.startsWith(fault.path)) || (fault.query !== undefined && !query.includes(fault.query))) {
        continue;
      }
      if (fault.type === 'latency') {
        plan.delayMs += fault.ms;
      } else if (fault.type === 'trickle') {
        plan.bytesPerSecond = fault.bytesPerSecond;
      } else if (plan.fault) {
        continue; // only the first answer-deciding fault is used
      } else {
        plan.fault = fault;
      }
      this.useUp(active);
    }
    return plan;
  }

  private useUp(active: ActiveFault): void {
    if (active.remaining === -1) {
      return;
    }
    active.remaining -= 1;
    if (active.remaining <= 0) {
      this.faults = this.faults.filter((f) => f !== active);
    }
  }
}

/** Checks a fault that arrived as JSON; returns it, or the reason it is not one (for a 400). */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return 'a fault must be a JSON object';
  }
  const raw = input as Record<string, unknown>;
  const type = raw.type as FaultType;
  if (!TYPES.includes(type)) {
    return `fault type must be one of ${TYPES.join(', ')}`;
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'type' && key !== 'path' && key !== 'query' && key !== 'times' && !ALLOWED_KEYS[type].includes(key)) {
      return `unknown field "${key}" for a ${type} fault`;
    }
  }
  if (raw.path !== undefined && (typeof raw.path !== 'string' || !raw.path.startsWith('/'))) {
    return 'path must be a string starting with "/"';
  }
  if (raw.query !== undefined && typeof raw.query !== 'string') {
    return 'query must be a string';
  }
  if (raw.times !== undefined && !(raw.times === -1 || (Number.isInteger(raw.times) && (raw.times as number) >= 1))) {
    return 'times must be a positive integer, or -1 for "until cleared"';
  }
  if (raw.message !== undefined && typeof raw.message !== 'string') {
    return 'message must be a string';
  }
  switch (type) {
    case 'latency':
      if (!isNumberIn(raw.ms, 0, 600_000)) return 'latency needs ms: a number from 0 to 600000';
      break;
    case 'trickle':
      if (!isNumberIn(raw.bytesPerSecond, 1_000, 1_000_000_000)) return 'trickle needs bytesPerSecond: a number from 1000 to 1000000000';
      break;
    case 'status':
      if (!Number.isInteger(raw.status) || !isNumberIn(raw.status, 200, 599)) return 'status needs status: an HTTP status from 200 to 599';
      break;
    case 'retryAfter':
      if (!Number.isInteger(raw.seconds) || !isNumberIn(raw.seconds, 0, MAX_RETRY_AFTER_SECONDS)) {
        return `retryAfter needs seconds: an integer from 0 to ${MAX_RETRY_AFTER_SECONDS}`;
      }
      if (raw.httpDate !== undefined && typeof raw.httpDate !== 'boolean') return 'httpDate must be true or false';
      break;
    case 'redirect':
      if (!REDIRECT_STATUSES.includes(raw.status as RedirectStatus)) return `redirect needs status: one of ${REDIRECT_STATUSES.join(', ')}`;
      // Checked here so a bad location is a 400 for the test that queued it, not a 500 for the client under test.
      if (raw.location !== undefined && (typeof raw.location !== 'string' || UNSENDABLE_IN_HEADER.test(raw.location))) {
        return 'location must be a string without control characters or characters above U+00FF (percent-encode them)';
      }
      break;
  }
  return raw as Fault;
}

function isNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
