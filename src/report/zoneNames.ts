/**
 * The time zones a user can pick, by the names they know. V8's Intl lists zones by their ICU
 * canonical names, some long renamed (Asia/Calcutta for Asia/Kolkata, Europe/Kiev for Europe/Kyiv):
 * a search for "Kolkata" would find nothing. Those are listed by today's IANA name, where the runtime
 * knows it. Pure ECMAScript + Intl.
 */
import { isTimeZone } from './timeZone';

/** ICU's older names, and the IANA names that replaced them. */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Every zone to offer, sorted: UTC, the runtime's zones by their current names, and any of `extra` it knows. */
export function zoneChoices(known: readonly string[], extra: readonly string[] = []): string[] {
  const names = new Set<string>(['UTC']);
  for (const zone of known) {
    const current = RENAMED[zone];
    names.add(current !== undefined && isTimeZone(current) ? current : zone);
  }
  for (const zone of extra) if (zone && isTimeZone(zone)) names.add(zone);
  return [...names].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}
