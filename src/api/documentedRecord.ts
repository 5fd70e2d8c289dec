/**
 * Reads one usage record written exactly as the API document writes it, straight from the bytes:
 * `{"roomName":"…","sessionTimeSecond":…,"createdAt":"…"}`, keys in that order, no white space.
 * That is every record of a real answer, and reading it this way costs no text decoding, no
 * regular expression, no object and (after a room's first meeting) no string. Anything else (an
 * escape in the name, another key order, white space, a number that is not a plain whole number
 * of at most 15 digits, a start that is not a real instant in the canonical ISO form, a record cut
 * by the end of the bytes at hand) is left to the general path, which reads it as JSON.parse and
 * the record checks do; what this reads, they would read the same.
 */
import { DAY_MS } from '../shared/calendarDate';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const NAME_KEY = ascii('{"roomName":"');
const SECONDS_KEY = ascii('","sessionTimeSecond":');
const START_KEY = ascii(',"createdAt":"');
const END = ascii('"}');
/** `YYYY-MM-DDTHH:MM:SS.sssZ` */
const ISO_LENGTH = 24;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A record read: where its bytes end (just after its `}`), and its meeting. */
export interface DocumentedRecord {
  /** Index just past the record's closing brace. */
  end: number;
  /** The name's bytes are `bytes.subarray(nameStart, nameEnd)`. */
  nameStart: number;
  nameEnd: number;
  seconds: number;
  startedAt: number;
}

/**
 * Reads the record starting at `at` into `into` and returns true; false when the bytes there are
 * not a whole record in the document's own form.
 */
export function readDocumentedRecord(bytes: Uint8Array, at: number, into: DocumentedRecord): boolean {
  let i = at;
  if (!matches(bytes, i, NAME_KEY)) return false;
  i += NAME_KEY.length;
  const nameStart = i;
  const length = bytes.length;
  // A plain name: no quote, backslash or control character, so its bytes are its text.
  for (; i < length; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) break;
    if (byte === BACKSLASH || byte < 0x20) return false;
  }
  if (i >= length) return false;
  const nameEnd = i;
  if (!matches(bytes, i, SECONDS_KEY)) return false;
  i += SECONDS_KEY.length;
  // 0, or 1 to 15 digits without a leading zero: exact as a double.
  const digitsStart = i;
  let seconds = 0;
  for (; i < length && i - digitsStart < 16; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) break;
    seconds = seconds * 10 + digit;
  }
  const digits = i - digitsStart;
  if (digits === 0 || digits > 15 || (digits > 1 && bytes[digitsStart] === ZERO)) return false;
  if (!matches(bytes, i, START_KEY)) return false;
  i += START_KEY.length;
  if (i + ISO_LENGTH + END.length > length) return false;
  const startedAt = isoInstant(bytes, i);
  if (startedAt === undefined) return false;
  i += ISO_LENGTH;
  if (!matches(bytes, i, END)) return false;
  into.end = i + END.length;
  into.nameStart = nameStart;
  into.nameEnd = nameEnd;
  into.seconds = seconds;
  into.startedAt = startedAt;
  return true;
}

function matches(bytes: Uint8Array, at: number, wanted: Uint8Array): boolean {
  if (at + wanted.length > bytes.length) return false;
  for (let k = 0; k < wanted.length; k++) if (bytes[at + k] !== wanted[k]) return false;
  return true;
}

/**
 * `YYYY-MM-DDTHH:MM:SS.sssZ` at `at` as epoch milliseconds, for a real day and time of a year from
 * 100 on (Date.UTC reads years below 100 as 19xx); undefined for anything else, which Date.parse
 * then reads on the general path (it rolls 2021-02-30 over to March, for one).
 */
function isoInstant(bytes: Uint8Array, at: number): number | undefined {
  const year = number(bytes, at, 4);
  const month = number(bytes, at + 5, 2);
  const day = number(bytes, at + 8, 2);
  const hour = number(bytes, at + 11, 2);
  const minute = number(bytes, at + 14, 2);
  const second = number(bytes, at + 17, 2);
  const millisecond = number(bytes, at + 20, 3);
  if (bytes[at + 4] !== 0x2d || bytes[at + 7] !== 0x2d || bytes[at + 10] !== 0x54 || bytes[at + 13] !== 0x3a) return undefined;
  if (bytes[at + 16] !== 0x3a || bytes[at + 19] !== 0x2e || bytes[at + 23] !== 0x5a) return undefined;
  if ((year | month | day | hour | minute | second | millisecond) < 0) return undefined; // a byte that is not a digit
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return undefined;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond;
}

/**
 * Days from 1970-01-01 to a real date of the proleptic Gregorian calendar, year 100 or later (H.
 * Hinnant's days_from_civil): what Date.UTC gives, in a few integer steps rather than a call that
 * costs more than reading the rest of the record.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The `count` decimal digits at `at` as a number; -1 when any is not a digit. */
function number(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const digit = bytes[at + k]! - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}
