/** Words and numbers as the views show them. No vscode here, so it is unit-tested on its own. */
import { displayName } from './displayName';

const STATUS_LABELS: Readonly<Record<string, string>> = { WAIT: 'Waiting', ON_GOING: 'In meeting', OPEN: 'Open' };

/** A room status in words; statuses we do not know are shown as the server sends them. */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? displayName(status);
}

export function users(count: number): string {
  return count === 1 ? '1 user' : `${count} users`;
}

/** "just now", "5 min ago", "2 h ago", "3 days ago". */
export function age(sinceMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - sinceMs) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** A moment in the user's locale and time zone, e.g. "2021-02-22 21:39". */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function time(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}
