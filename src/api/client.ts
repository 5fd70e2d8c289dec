/**
 * The S-Connector API, one method per endpoint, typed in and out. It renews the token once and
 * retries when the server refuses it (401/403), so an expired token never reaches the user.
 */
import * as l10n from '@vscode/l10n';
import { isCalendarDate } from '../shared/calendarDate';
import { ApiError } from './errors';
import { type ApiRequest, type BodyProgress, type BodyReader, type HttpTransport, type RequestTiming } from './http';
import { type License, parseLicense, parseRoomDetail, parseRoomList, parseUsage, parseUsageTable, type Room, type RoomList, type Usage, type UsageTable } from './schema';
import { readUsageInThread, type StreamedUsage } from './usageStream';
import { type Grant, type TokenSource } from './tokens';
import { hasLoneSurrogate, neutralise } from '../shared/serverText';

export interface UsageRange {
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day, inclusive, `YYYY-MM-DD`; absent means "until now". */
  readonly end?: string;
}

export class SConnectorClient {
  constructor(
    private readonly http: HttpTransport,
    private readonly tokens: TokenSource,
  ) {}

  /** `GET v1/info`: the license behind the keys. */
  async license(): Promise<License> {
    return parseLicense(await this.get('v1/info'));
  }

  /** `GET v1/sessions`: the rooms in a meeting now. */
  async rooms(): Promise<RoomList> {
    return parseRoomList(await this.get('v1/sessions'));
  }

  /** `GET v1/sessions/:room_name`: one live room, or undefined when it is no longer live (404). */
  async room(roomName: string): Promise<Room | undefined> {
    if (roomName === '' || roomName === '.' || roomName === '..' || hasLoneSurrogate(roomName)) {
      // URLs fold "." and ".." segments away, and a lone surrogate has no UTF-8 form to put in a
      // path, so such a name cannot be asked for by path.
      throw new ApiError('invalidInput', l10n.t('A room named "{0}" cannot be looked up by name.', neutralise(roomName)));
    }
    try {
      return parseRoomDetail(await this.get(`v1/sessions/${encodeURIComponent(roomName)}`));
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: equivalent, only an httpStatus ApiError carries a status
      if (error instanceof ApiError && error.kind === 'httpStatus' && error.detail.status === 404) return undefined;
      throw error;
    }
  }

  /** `GET v1/static`: meeting records whose day falls in the range. */
  async usage(range: UsageRange): Promise<Usage> {
    return parseUsage(await this.get('v1/static', usageQuery(range)));
  }

  /**
   * `GET v1/static` as the report's table of meetings, its records read as they arrive (by
   * `options.reader`, a worker's; in this thread otherwise), cancelled by `options.signal`.
   */
  async usageTable(range: UsageRange, options: UsageOptions = {}): Promise<UsageTable> {
    const query = usageQuery(range);
    const reader = options.reader ?? readUsageInThread;
    const { data, kept } = await this.getReading('v1/static', query, reader, options);
    return parseUsageTable(data, kept?.table && { table: kept.table, skipped: kept.skipped });
  }

  private async get(path: string, query?: ApiRequest['query']): Promise<unknown> {
    return (await this.getReading(path, query, undefined, {})).data;
  }

  private async getReading<T>(path: string, query: ApiRequest['query'] | undefined, reader: (() => BodyReader<T>) | undefined, options: Pick<UsageOptions, 'signal' | 'onTiming' | 'onProgress'>): Promise<{ data: unknown; kept: T | undefined }> {
    // The token goes to the base URL that issued it, never to one a setting names meanwhile.
    const send = ({ token, baseUrl }: Grant) => this.http.sendReading({ baseUrl, method: 'GET', path, token, secrets: [token], ...(query && { query }), ...(options.signal && { signal: options.signal }), ...(options.onTiming && { onTiming: options.onTiming }), ...(options.onProgress && { onProgress: options.onProgress }) }, reader);
    const grant = await this.tokens.token();
    try {
      return await send(grant);
    } catch (error) {
      if (!isAuthRejection(error)) throw error;
    }
    // The token was refused (expired early, revoked, server restarted): sign in afresh, once.
    this.tokens.discard(grant.token);
    const fresh = await this.tokens.renew();
    try {
      return await send(fresh);
    } catch (error) {
      if (!isAuthRejection(error)) throw error;
      throw new ApiError(
        'tokenRejected',
        l10n.t('S-Connector accepted the keys but refused the token it issued for them. The license may be disabled; sign in again or contact S-Connector.'),
        (error as ApiError).detail,
      );
    }
  }
}

export interface UsageOptions {
  /** Reads the answer's body as it arrives; by default in this thread. */
  readonly reader?: () => BodyReader<StreamedUsage>;
  readonly signal?: AbortSignal;
  readonly onTiming?: (timing: RequestTiming) => void;
  readonly onProgress?: (progress: BodyProgress) => void;
}

/** The range checked and put as v1/static's query. */
function usageQuery(range: UsageRange): ApiRequest['query'] {
  if (!isCalendarDate(range.start)) {
    throw new ApiError('invalidInput', l10n.t('The start date "{0}" is not a real date in the form YYYY-MM-DD.', range.start));
  }
  if (range.end !== undefined && !isCalendarDate(range.end)) {
    throw new ApiError('invalidInput', l10n.t('The end date "{0}" is not a real date in the form YYYY-MM-DD.', range.end));
  }
  if (range.end !== undefined && range.end < range.start) {
    throw new ApiError('invalidInput', l10n.t('The end date {0} is before the start date {1}.', range.end, range.start));
  }
  return { startTime: range.start, endTime: range.end };
}

function isAuthRejection(error: unknown): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, only an httpStatus ApiError carries a status
  return error instanceof ApiError && error.kind === 'httpStatus' && (error.detail.status === 401 || error.detail.status === 403);
}
