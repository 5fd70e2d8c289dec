/**
 * Room names and participant details for generated data.
 *
 * Room names are free text in the real service (Korean, spaces, `/`, `?`, `#`, `%`, emoji, HTML-like
 * text all occur), and each of those breaks a different careless client: unencoded paths, query or
 * fragment confusion, double decoding, HTML injection in a webview. So the generator always puts
 * these names first, whatever the seed: with the default five generated rooms all of them are live,
 * and they are the first usage records too.
 */
import { type Random } from './random';

/** Every name is here for a reason, noted beside it. */
export const HOSTILE_ROOM_NAMES: readonly string[] = [
  '샘플 회의실', // Korean (multi-byte UTF-8) with a space
  '🎥 standup', // emoji: a surrogate pair in UTF-16, four bytes in UTF-8
  'Q&A / 50% done? #3', // `/` splits paths, `?` starts a query, `#` a fragment, `%` breaks double decoding, `&` splits query params
  '<img src=x onerror=alert(1)>', // HTML-like: must be shown as text, never rendered
  '주간 회의', // Korean again, the everyday case
];

/** The document's own room names: its two live samples and the ones in its usage sample. */
export const SAMPLE_ROOM_NAMES: readonly string[] = ['gfds', 'gsdagd', 'test', '12312'];

const PATTERNS: readonly ((n: number, rng: Random) => string)[] = [
  (n) => `team-${n}`,
  (n) => `고객 상담 ${n}`,
  (n) => `Design Review ${n}`,
  (n) => `영업팀 주간 회의 ${n}`,
  (n) => `standup-${n}`,
  (n, rng) => `프로젝트 ${rng.pick(['알파', '베타', '감마', '델타'])} ${n}`,
  (n) => `sprint ${n} planning`,
  (n, rng) => `1:1 ${rng.pick(PEOPLE)} ${n}`,
  (n) => `교육 세션 ${n}`,
  (n) => `Customer demo ${n}`,
];

/** A plausible room name not yet in `taken` (which it then joins). */
export function generateRoomName(rng: Random, taken: Set<string>): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = rng.pick(PATTERNS)(rng.int(1, 999), rng);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // Thousands of rooms can exhaust the patterns' small numbers; a longer suffix always ends it.
  for (let n = taken.size; ; n++) {
    const name = `room-${n}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export const PEOPLE: readonly string[] = [
  '김민준', '이서연', '박지호', '최유나', '정하준', '강수아', '조은우', '윤지민',
  'Jiwoo Park', 'Minseo Kim', 'Alex Chen', 'Sarah Lee', 'Daniel Cho', 'Emma Yoon', 'host', 'guest',
];

export const LOCATIONS: readonly string[] = [
  'Yangcheon-gu, South Korea', 'Gangnam-gu, South Korea', 'Seongnam-si, South Korea', 'Mapo-gu, South Korea',
  'Busan, South Korea', 'Daejeon, South Korea', 'Tokyo, Japan', 'San Jose, United States',
];

export const PLATFORMS: readonly string[] = [
  'Chrome 87.0.4280.88 on OS X 11.1.0 64-bit',
  'Chrome 88.0.4324.150 on Windows 10 64-bit',
  'Firefox 85.0 on Windows 10 64-bit',
  'Safari 14.0.2 on iOS 14.3',
  'Chrome 88.0.4324.152 on Android 11',
  'Microsoft Edge 88.0.705.63 on Windows 10 64-bit',
];
