/**
 * Builds the report's table of meetings (shared/reportTypes MeetingTable) one meeting at a time:
 * each room name is listed once and meetings point into the list. Used where records are read
 * (the API's usage answer, as it arrives) and by the report's own toMeetingTable.
 */
import type { Column, MeetingTable } from './reportTypes';

export class MeetingTableBuilder {
  private readonly roomNames: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly rooms: number[] = [];
  private readonly startedAt: number[] = [];
  private readonly seconds: number[] = [];

  add(roomName: string, startedAt: number, seconds: number): void {
    this.addAt(this.roomIndex(roomName), startedAt, seconds);
  }

  /** The room's place in the list of names, added when it is new. */
  roomIndex(roomName: string): number {
    let index = this.indexOf.get(roomName);
    if (index === undefined) {
      index = this.roomNames.length;
      this.roomNames.push(roomName);
      this.indexOf.set(roomName, index);
    }
    return index;
  }

  /** A meeting of the room at `roomIndex` (from roomIndex). */
  addAt(roomIndex: number, startedAt: number, seconds: number): void {
    this.rooms.push(roomIndex);
    this.startedAt.push(startedAt);
    this.seconds.push(seconds);
  }

  /** Meetings added so far. */
  get size(): number {
    return this.rooms.length;
  }

  /** The meetings as a table. Its columns are the builder's own: meetings added later show in them. */
  build(): MeetingTable {
    return { roomNames: this.roomNames, room: this.rooms, startedAt: this.startedAt, seconds: this.seconds };
  }
}

/** The sum of a column (the seconds of every meeting, say). */
export function columnSum(column: Column): number {
  let sum = 0;
  for (let i = 0; i < column.length; i++) sum += column[i]!;
  return sum;
}
