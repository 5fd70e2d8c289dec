/** Words and numbers as the views show them. No vscode here, so it is unit-tested on its own. */
import * as l10n from '@vscode/l10n';
import { pad } from '../shared/calendarDate';
import type { Phase } from '../state/liveState';
import { displayName } from './displayName';

/**
 * A room status in words; statuses we do not know are shown as the server sends them (and are not
 * translated: they are the server's words).
 */
export function statusLabel(status: string): string {
  switch (status) {
    case 'WAIT':
      return l10n.t('Waiting');
    case 'ON_GOING':
      return l10n.t('In meeting');
    case 'OPEN':
      // The comment tells the translator this is a state ("is open"), not the verb of the Open button.
      return l10n.t({ message: 'Open', comment: ['A room status: the room is open (not a button).'] });
    default:
      return displayName(status);
  }
}

export function users(count: number): string {
  return count === 1 ? l10n.t('1 user') : l10n.t('{0} users', count);
}

/** "just now", "5 min ago", "2 h ago", "3 days ago". */
export function age(sinceMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - sinceMs) / 1000));
  if (seconds < 45) return l10n.t('just now');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return l10n.t('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return l10n.t('{0} h ago', hours);
  return l10n.t('{0} days ago', Math.round(hours / 24));
}

/**
 * A moment on this machine's wall clock, as `YYYY-MM-DD HH:mm` ("2021-02-22 21:39"): the same
 * form in every language, like the report's dates; a text that is not a date is shown as it is.
 */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${localDay(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The day `YYYY-MM-DD` on this machine's wall clock. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A time of day `HH:MM:SS` on this machine's wall clock: 24-hour, as every other time the views show,
 * whatever the language (the extension host's own locale need not be VS Code's display language).
 */
export function time(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * A license's state in a word or two, where a list of licenses shows it beside (or instead of)
 * its counts: undefined for a license that is signed in with fresh data.
 */
export function stateWord(phase: Phase, failed: boolean): string | undefined {
  switch (phase) {
    case 'signedOut':
      return l10n.t('signed out');
    case 'rejected':
      return l10n.t('sign-in refused');
    case 'loading':
      return failed ? l10n.t('failing') : l10n.t('loading');
    case 'ready':
      return failed ? l10n.t('stale') : undefined;
  }
}

