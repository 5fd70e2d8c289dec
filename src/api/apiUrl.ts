/**
 * The rules for an API URL: what counts as one, which origin a secret key belongs to, when it would
 * cross a network in clear, and what of it may be written to a log. Pure: no vscode, no network.
 */
import * as l10n from '@vscode/l10n';
import { ApiError, cleanServerText } from './errors';

/**
 * Parses an API URL as the user typed it, or throws an ApiError that says what is wrong with it.
 * A query or fragment is dropped (the API has none); a user name or password is refused: it would
 * be sent with every request and written wherever the URL is shown.
 */
export function parseApiUrl(apiUrl: string): URL {
  const trimmed = apiUrl.trim();
  if (!trimmed) {
    throw new ApiError('invalidInput', l10n.t('No S-Connector API URL is set. Set "sconnector.apiUrl" in Settings, for example https://api.interwater.biz.'));
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ApiError('invalidInput', l10n.t('The S-Connector API URL "{0}" is not a valid URL. It should look like https://api.interwater.biz.', cleanServerText(trimmed)));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError('invalidInput', l10n.t('The S-Connector API URL must start with https:// (or http:// for a server on this machine), not {0}//.', url.protocol));
  }
  if (url.username || url.password) {
    throw new ApiError('invalidInput', l10n.t('The S-Connector API URL must not contain a user name or password (user:password@). Remove them: you sign in with your access key and secret key.'));
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** An API URL parsed, or what is wrong with it: the one place the error of parseApiUrl is caught. */
function checkApiUrl(apiUrl: string): { readonly url: URL; readonly problem?: undefined } | { readonly url?: undefined; readonly problem: string } {
  try {
    return { url: parseApiUrl(apiUrl) };
  } catch (error) {
    return { problem: error instanceof ApiError ? error.message : String(error) };
  }
}

/** What is wrong with an API URL, in words; undefined for a good one. */
export function apiUrlProblem(apiUrl: string): string | undefined {
  return checkApiUrl(apiUrl).problem;
}

/** The API URL as parseApiUrl reads it, or undefined for what is not one (apiUrlProblem says why). */
export function tryParseApiUrl(apiUrl: string): URL | undefined {
  return checkApiUrl(apiUrl).url;
}

/** Scheme, host and port: what a secret key is bound to. Undefined for what is not an API URL. */
export function originOf(apiUrl: string): string | undefined {
  return tryParseApiUrl(apiUrl)?.origin;
}

/**
 * What a log may say of an API URL: origin and path, never a user name, password or query.
 * Something that is not a valid API URL is not repeated at all.
 */
export function apiUrlForLog(apiUrl: string): string {
  const url = tryParseApiUrl(apiUrl);
  return url ? url.origin + url.pathname : '(not a valid API URL)';
}

/**
 * Names that are this machine whatever the system resolver says: `localhost`, 127.0.0.0/8 and ::1.
 * Not `*.localhost`: RFC 6761 lets resolvers answer it locally, but the system resolver decides
 * where such a name goes, so it counts as another machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether an API URL would carry the secret key in clear over a network (http:// to another machine). */
export function sendsKeysInClear(apiUrl: string): boolean {
  // Not an API URL at all: that error is reported on its own, and nothing is sent.
  const url = tryParseApiUrl(apiUrl);
  return url !== undefined && url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}
