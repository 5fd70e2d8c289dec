/**
 * Run-time checks that turn the API's JSON into typed values.
 * Two published shapes of a room are accepted (the document's short one and an earlier rich one
 * with `sessionTokens`), unknown fields are dropped, unknown statuses are kept as they come, and
 * a single unreadable item in a list is skipped and counted rather than failing the whole list.
 */
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';
import { isRecord } from '../shared/isRecord';
import { columnSum, MeetingTableBuilder } from '../shared/meetingTable';
import type { MeetingTable } from '../shared/reportTypes';

export interface License {
  readonly domain: string;
  readonly roomLimit: number;
  readonly enabled: boolean;
  /** ISO 8601, when the server says. */
  readonly createdAt?: string;
}

/** Known statuses; any other string the server sends is kept as it is. */
export type RoomStatus = 'WAIT' | 'ON_GOING' | 'OPEN' | (string & {});

export interface Participant {
  readonly connectionId?: string;
  readonly userName?: string;
  readonly role?: string;
  readonly platform?: string;
  readonly location?: string;
  readonly status?: string;
  /** ISO 8601. */
  readonly createdAt?: string;
}

export interface Room {
  readonly roomName: string;
  readonly status: RoomStatus;
  readonly userCount: number;
  readonly sessionId?: string;
  /** ISO 8601, only in the rich shape. */
  readonly createdAt?: string;
  /** Only in the rich shape; absent means "the server did not say", not "nobody". */
  readonly participants?: readonly Participant[];
}

export interface UsageRecord {
  readonly roomName: string;
  readonly seconds: number;
  /** ISO 8601: when the meeting started. */
  readonly createdAt: string;
}

export interface Usage {
  readonly domain: string;
  /** As the server totals it; may differ from the sum of `records` (the report shows when). */
  readonly totalSeconds: number;
  readonly records: readonly UsageRecord[];
  /** Records left out because they could not be read. */
  readonly skipped: number;
}

/** A usage answer as the report's table of meetings (the report's form; `Usage` keeps the records). */
export interface UsageTable {
  readonly domain: string;
  /** As the server totals it; may differ from the sum of the table's seconds. */
  readonly totalSeconds: number;
  /** The readable records, in the order the server sent them. */
  readonly table: MeetingTable;
  /** Records left out because they could not be read. */
  readonly skipped: number;
}

export interface RoomList {
  /** One per name. */
  readonly rooms: readonly Room[];
  /** Rooms left out because they could not be read (no name, say). */
  readonly skipped: number;
  /** Entries merged because they repeat an earlier room's name. */
  readonly duplicates: number;
}


/** `message` is one whole sentence per kind of answer, so that each translates as a sentence. */
function wrongShape(message: string): ApiError {
  return new ApiError('unexpectedResponse', message);
}


function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Number.isFinite(value)) return String(value); // a number, and not NaN or ±Infinity
  return undefined;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** The form the API sends dates in; such a date needs no rewriting (the fast path for 100,000 records). */
// Stryker disable next-line Regex: a fast path; what it lets through wrongly is rejected by Date.parse, what it misses takes the slow path to the same result
const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function isoDate(value: unknown): string | undefined {
  if (typeof value === 'string' && CANONICAL_ISO.test(value)) return Number.isNaN(Date.parse(value)) ? undefined : value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Whether the license says it is switched off: false, 0, '0' or 'false'. Anything else, a missing field included, reads as on. */
function saysOff(value: unknown): boolean {
  return value === false || value === 0 || value === '0' || value === 'false';
}

/** Drops undefined values so that optional fields are absent rather than present-but-undefined. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function parseLicense(data: unknown): License {
  if (!isRecord(data)) throw wrongShape(l10n.t('The S-Connector server sent the license in a form this extension does not understand.'));
  const roomLimit = count(data.roomLimit);
  if (roomLimit === undefined) throw wrongShape(l10n.t('The S-Connector server sent the license (no room limit) in a form this extension does not understand.'));
  return defined({
    domain: text(data.domain) ?? '',
    roomLimit,
    enabled: !saysOff(data.enabled),
    createdAt: isoDate(data.createdAt),
  });
}

function parseParticipant(value: unknown): Participant | undefined {
  if (!isRecord(value)) return undefined;
  return defined({
    connectionId: text(value.connectionId) ?? text(value.id),
    userName: text(value.userName),
    role: text(value.role),
    platform: text(value.platform),
    location: text(value.location),
    status: text(value.status),
    createdAt: isoDate(value.createdAt),
  });
}

/** One room in either shape; undefined when it has no usable name. */
export function parseRoom(value: unknown): Room | undefined {
  if (!isRecord(value)) return undefined;
  const roomName = text(value.roomName);
  if (roomName === undefined || roomName === '') return undefined;
  const participants = Array.isArray(value.sessionTokens)
    ? value.sessionTokens.map(parseParticipant).filter((p): p is Participant => p !== undefined)
    : undefined;
  return defined({
    roomName,
    status: text(value.status)?.trim() || 'UNKNOWN',
    userCount: count(value.user) ?? participants?.length ?? 0,
    sessionId: text(value.sessionId),
    createdAt: isoDate(value.createdAt),
    participants,
  });
}

/**
 * The API addresses a live room by its name (`v1/sessions/:room_name`), so two entries with one name
 * are one room listed twice: the first is kept, and the room counts once against the room limit.
 */
export function parseRoomList(data: unknown): RoomList {
  if (!Array.isArray(data)) throw wrongShape(l10n.t('The S-Connector server sent the list of live rooms in a form this extension does not understand.'));
  const rooms = new Map<string, Room>();
  let readable = 0;
  for (const item of data) {
    const room = parseRoom(item);
    if (!room) continue;
    readable++;
    if (!rooms.has(room.roomName)) rooms.set(room.roomName, room);
  }
  return { rooms: [...rooms.values()], skipped: data.length - readable, duplicates: readable - rooms.size };
}

/** `v1/sessions/:room_name` documents an object; a one-element list is accepted too. */
export function parseRoomDetail(data: unknown): Room {
  const room = parseRoom(Array.isArray(data) ? data[0] : data);
  if (!room) throw wrongShape(l10n.t('The S-Connector server sent the room in a form this extension does not understand.'));
  return room;
}

/**
 * One usage record as the report reads it, or undefined when it cannot be read: a name, a length
 * in seconds that is a non-negative number, and a start that is a date (`startedAt` is its epoch
 * milliseconds). The one check of a record, whether the answer is read whole or as it arrives.
 */
export function readUsageRecord(item: unknown): (UsageRecord & { readonly startedAt: number }) | undefined {
  if (!isRecord(item)) return undefined;
  const roomName = text(item.roomName);
  const seconds = count(item.sessionTimeSecond);
  const createdAt = isoDate(item.createdAt);
  if (roomName === undefined || seconds === undefined || createdAt === undefined) return undefined;
  return { roomName, seconds, createdAt, startedAt: Date.parse(createdAt) };
}

export function parseUsage(data: unknown): Usage {
  const { domain, totalSeconds, detail } = usageEnvelope(data);
  const records: UsageRecord[] = [];
  for (const item of detail) {
    const record = readUsageRecord(item);
    if (record) records.push({ roomName: record.roomName, seconds: record.seconds, createdAt: record.createdAt });
  }
  return {
    domain,
    totalSeconds: totalSeconds ?? records.reduce((sum, record) => sum + record.seconds, 0),
    records,
    skipped: detail.length - records.length,
  };
}

/**
 * The usage answer as the report's table: the records read as they arrived (`table`, when the
 * transport streamed them: then `data.detail` is the empty array left in their place), or read
 * from `data.detail` here.
 */
export function parseUsageTable(data: unknown, streamed?: { readonly table: MeetingTable; readonly skipped: number }): UsageTable {
  const { domain, totalSeconds, detail } = usageEnvelope(data);
  let table: MeetingTable;
  let skipped: number;
  if (streamed) {
    ({ table, skipped } = streamed);
  } else {
    const builder = new MeetingTableBuilder();
    for (const item of detail) {
      const record = readUsageRecord(item);
      if (record) builder.add(record.roomName, record.startedAt, record.seconds);
    }
    table = builder.build();
    skipped = detail.length - table.room.length;
  }
  return { domain, totalSeconds: totalSeconds ?? columnSum(table.seconds), table, skipped };
}

/** What a usage answer holds besides its records' contents; refuses what is not one. */
function usageEnvelope(data: unknown): { domain: string; totalSeconds: number | undefined; detail: readonly unknown[] } {
  if (!isRecord(data)) throw wrongShape(l10n.t('The S-Connector server sent the usage report in a form this extension does not understand.'));
  const detail = data.detail ?? [];
  if (!Array.isArray(detail)) throw wrongShape(l10n.t('The S-Connector server sent the usage records in a form this extension does not understand.'));
  return { domain: text(data.domain) ?? '', totalSeconds: count(data.totalSecond), detail };
}

export function parseAccessToken(data: unknown): string {
  const token = isRecord(data) ? data.accessToken : undefined;
  if (typeof token !== 'string' || token === '') throw wrongShape(l10n.t('The S-Connector server sent the sign-in answer in a form this extension does not understand.'));
  return token;
}
