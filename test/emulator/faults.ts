/**
 * Fault injection: the misbehaviours a real API and the proxies in front of it show (slow answers,
 * 5xx, gateway pages, rate limits, dropped connections, 200s that are errors, silence), queued by
 * tests through the control API and applied before normal handling.
 *
 * Matching: a fault applies to a request whose raw path starts with its `path` (every API path when
 * absent; control paths never see faults). It affects `times` matching requests (default 1, -1 =
 * until cleared). Latency faults add up and the request then goes on (to the next fault or the
 * normal answer); the first other matching fault decides the answer, and only that one is used up.
 */
import type { Fault, FaultType } from './types';

export type TerminalFault = Exclude<Fault, { type: 'latency' }>;

export interface FaultPlan {
  delayMs: number;
  fault?: TerminalFault;
}

interface ActiveFault {
  fault: Fault;
  /** Requests it still affects; -1 = until cleared. */
  remaining: number;
}

const TYPES: readonly FaultType[] = ['latency', 'status', 'retryAfter', 'reset', 'nonJson', 'statusFalse', 'hang'];
const ALLOWED_KEYS: Record<FaultType, readonly string[]> = {
  latency: ['ms'],
  status: ['status', 'message'],
  retryAfter: ['seconds'],
  reset: [],
  nonJson: [],
  statusFalse: ['message'],
  hang: [],
};

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
  take(path: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const active of [...this.faults]) {
      const { fault } = active;
      if (fault.path !== undefined && !path.startsWith(fault.path)) {
        continue;
      }
      if (fault.type === 'latency') {
        plan.delayMs += fault.ms;
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
    if (key !== 'type' && key !== 'path' && key !== 'times' && !ALLOWED_KEYS[type].includes(key)) {
      return `unknown field "${key}" for a ${type} fault`;
    }
  }
  if (raw.path !== undefined && (typeof raw.path !== 'string' || !raw.path.startsWith('/'))) {
    return 'path must be a string starting with "/"';
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
    case 'status':
      if (!Number.isInteger(raw.status) || !isNumberIn(raw.status, 200, 599)) return 'status needs status: an HTTP status from 200 to 599';
      break;
    case 'retryAfter':
      if (!Number.isInteger(raw.seconds) || !isNumberIn(raw.seconds, 0, 86_400)) return 'retryAfter needs seconds: an integer from 0 to 86400';
      break;
  }
  return raw as Fault;
}

function isNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
