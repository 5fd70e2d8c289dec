/**
 * What each answer-deciding fault puts on the wire. The bodies imitate what a client meets in
 * practice: JSON errors from the API, HTML pages from gateways and captive portals, redirects to
 * another origin, nothing at all. Messages are sent verbatim (Markdown, command links and all):
 * a client must show them as plain text.
 */
import * as http from 'node:http';
import type { Exchange } from './exchange';
import type { TerminalFault } from './faults';

/** What some answers depend on besides the fault (EmulatorState provides both). */
export interface FaultContext {
  /** The emulator's clock, for Retry-After dates. */
  now(): number;
  /** Where redirects go by default: `url` is the sink's origin. */
  readonly sink: { readonly url: string };
}

export function answerWithFault(ex: Exchange, fault: TerminalFault, context: FaultContext): void {
  switch (fault.type) {
    case 'status':
      // A 502/503 typically comes from the proxy in front of the API, which knows nothing of its JSON;
      // asking for a message means the API's own JSON error, so the message is what the client gets.
      if ((fault.status === 502 || fault.status === 503) && fault.message === undefined) {
        return ex.sendText(fault.status, 'text/html', gatewayPage(fault.status));
      }
      return ex.send(fault.status, { status: false, message: fault.message ?? http.STATUS_CODES[fault.status] ?? 'error' });
    case 'retryAfter': {
      // Both forms RFC 9110 allows: delta-seconds, or an IMF-fixdate that far ahead of the emulator's clock.
      const retryAfter = fault.httpDate ? new Date(context.now() + fault.seconds * 1000).toUTCString() : String(fault.seconds);
      return ex.send(429, { status: false, message: 'too many requests' }, { 'Retry-After': retryAfter });
    }
    case 'redirect': {
      // By default the same path and query on another origin: a client that follows re-sends the request there.
      const location = fault.location ?? `${context.sink.url}${ex.path}${ex.query === '' ? '' : `?${ex.query}`}`;
      // Like Express's res.redirect, a short body naming the target, here as the API's JSON error.
      const message = `${http.STATUS_CODES[fault.status]}. Redirecting to ${location}`;
      return ex.send(fault.status, { status: false, message }, { Location: location });
    }
    case 'nonJson':
      return ex.sendText(200, 'text/html; charset=utf-8', PORTAL_PAGE);
    case 'statusFalse':
      return ex.send(200, { status: false, message: fault.message ?? 'temporary server error' });
    case 'reset':
      ex.noAnswer();
      // resetAndDestroy sends a TCP RST, so the client sees ECONNRESET rather than a clean close.
      ex.req.socket.resetAndDestroy();
      return;
    case 'hang':
      // Never answered; server.close() destroys the socket.
      ex.noAnswer();
      return;
  }
}

/** An nginx-style gateway page, as a proxy in front of a down API returns it. */
function gatewayPage(status: number): string {
  const title = `${status} ${http.STATUS_CODES[status]}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A 200 that is not the API at all: a captive portal or login page in between. */
const PORTAL_PAGE =
  '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Sign in to the network</title></head>' +
  '<body><h1>Sign in to the network</h1><p>You must accept the terms of use before browsing.</p></body></html>\n';
