/**
 * A typed client for the emulator's control API (/__emulator/*).
 *
 * It talks HTTP with Node's global fetch, not to the server object, so the same calls work from a
 * plain mocha test and from tests running inside a VS Code extension host (another process).
 * It imports types only, so loading it never loads the server.
 */
import type { EmulatorConfig, EmulatorData, EmulatorStats, Fault, SinkReport, UsageRecord } from './types';

export type {
  EmulatorConfig, EmulatorData, EmulatorStats, Fault, FaultType, License, LiveRoom, Participant, RedirectStatus, SinkReport, SinkRequest, UsageRecord,
} from './types';

/**
 * The meeting seconds of this month so far in the emulator's records, counted as the extension
 * counts them: by start day, in this machine's time zone (the extension host's).
 */
export function monthSoFarSeconds(records: readonly UsageRecord[], now = new Date()): number {
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  return records.filter((record) => Date.parse(record.createdAt) >= monthStart).reduce((sum, record) => sum + record.sessionTimeSecond, 0);
}

export class EmulatorControl {
  private readonly baseUrl: string;

  /** `baseUrl` is the emulator's url, e.g. 'http://127.0.0.1:5000' (a trailing slash is fine). */
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Queues a fault for the next matching API request(s). */
  async addFault(fault: Fault): Promise<void> {
    await this.call('POST', 'faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  /** Back to the initial data and config; faults, stats, sink records and any room override cleared. */
  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  async stats(): Promise<EmulatorStats> {
    return (await this.call('GET', 'stats')) as EmulatorStats;
  }

  async clearStats(): Promise<void> {
    await this.call('DELETE', 'stats');
  }

  /** The current license, live rooms (internal form) and usage records (oldest first). */
  async data(): Promise<EmulatorData> {
    return (await this.call('GET', 'data')) as EmulatorData;
  }

  /** Serves exactly these raw JSON values from v1/sessions (verbatim) until reset. */
  async setRooms(rooms: readonly unknown[]): Promise<void> {
    await this.call('PUT', 'rooms', rooms);
  }

  /**
   * The redirect sink's url and what reached it, oldest first: never raw headers or bodies, only
   * whether a token header or a secret key came along.
   */
  async sink(): Promise<SinkReport> {
    return (await this.call('GET', 'sink')) as SinkReport;
  }

  async clearSink(): Promise<void> {
    await this.call('DELETE', 'sink');
  }

  /** Advances the live-room simulation by `times` steps now. */
  async tick(times = 1): Promise<void> {
    await this.call('POST', 'tick', { times });
  }

  /** Changes the run-time config; `{secretKey}` models keys rotated or revoked (older tokens get 401). */
  async configure(config: Partial<EmulatorConfig>): Promise<void> {
    await this.call('PATCH', 'config', config);
  }

  private async call(method: string, name: string, body?: unknown): Promise<unknown> {
    const url = `${this.baseUrl}/__emulator/${name}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new Error(`emulator control ${method} ${url} failed: ${reason}`, { cause: error });
    }
    const text = await response.text();
    let json: { status?: unknown; message?: unknown; data?: unknown } | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = undefined;
    }
    if (!response.ok || json?.status !== true) {
      const message = typeof json?.message === 'string' ? json.message : text.slice(0, 200);
      throw new Error(`emulator control ${method} ${url} failed: HTTP ${response.status}: ${message}`);
    }
    return json.data;
  }
}
