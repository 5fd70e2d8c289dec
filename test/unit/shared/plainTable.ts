/** Tables compared whatever their columns' kind: arrays where records are read, typed arrays after a thread or the wire. */
import type { MeetingTable } from '../../../src/shared/reportTypes';

/** The table with every column as a plain array. */
export function plainTable(table: MeetingTable): Record<string, unknown> {
  const { room, startedAt, seconds, roomLicense, ...rest } = table;
  return { ...rest, room: Array.from(room), startedAt: Array.from(startedAt), seconds: Array.from(seconds), ...(roomLicense && { roomLicense: Array.from(roomLicense) }) };
}
