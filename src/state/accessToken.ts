/**
 * Access tokens for development (Create Access Token): the lifetime a user may ask for, and what
 * the token says of itself, as lines to show. Pure: unit-tested in Node. The token itself is never
 * kept here or anywhere: the command copies it to the clipboard and lets it go.
 */
import * as l10n from '@vscode/l10n';

/**
 * The longest lifetime offered, in minutes (30 days). The API document sets no maximum; a token for
 * development that outlives a month is a key left lying around, so longer ones are refused here.
 */
export const MAX_TOKEN_MINUTES = 43_200;

/** Why the text is not a lifetime in whole minutes from 1 to MAX_TOKEN_MINUTES, or undefined. */
export function lifetimeProblem(text: string): string | undefined {
  const trimmed = text.trim();
  const minutes = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || minutes < 1 || minutes > MAX_TOKEN_MINUTES) {
    return l10n.t('Enter the lifetime in whole minutes, from 1 to {0} (30 days).', MAX_TOKEN_MINUTES);
  }
  return undefined;
}

/** Claims that are times in seconds since 1970, shown with the time they mean. */
const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf']);

/**
 * The claims as "name: value" lines, in the order the token has them; times also as a date (by
 * `formatTime`). Values are the server's text: the caller neutralises them where it shows them.
 */
export function claimLines(claims: Readonly<Record<string, unknown>>, formatTime: (ms: number) => string): string[] {
  return Object.entries(claims).map(([name, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
    const when = TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value) ? ` (${formatTime(value * 1000)})` : '';
    return `${name}: ${text}${when}`;
  });
}
