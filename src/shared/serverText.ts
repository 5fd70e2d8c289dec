/**
 * Server text (room names, user names, messages) is untrusted. Wherever it is shown, three kinds of
 * character would mislead rather than inform, so they become U+FFFD, visibly replaced:
 *  - control characters: invisible, or a line break inside a one-line row;
 *  - bidi formatting characters (embeddings, overrides, isolates, marks): "\u202Eexe.txt" would
 *    reverse the rest of its row, Trojan-source style;
 *  - lone surrogates: not text at all, and `encodeURIComponent` throws on them.
 * Exports keep the raw text; only what is shown is neutralised.
 * Shared by the extension host and the report page: imports neither vscode nor the DOM.
 */

export const REPLACEMENT = '\ufffd';
/** C0 and C1 controls and DEL (the Unicode category Cc), and the line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
const BIDI_FORMATTING = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether the text holds a lone surrogate (which has no UTF-8 form, so cannot go into a URL). */
export function hasLoneSurrogate(text: string): boolean {
  return new RegExp(LONE_SURROGATE.source).test(text);
}

/** Control characters, bidi formatting characters and lone surrogates, each replaced by U+FFFD. */
export function neutralise(text: string): string {
  return text.replace(CONTROL, REPLACEMENT).replace(BIDI_FORMATTING, REPLACEMENT).replace(LONE_SURROGATE, REPLACEMENT);
}

/** Shortens to at most `max` characters (code points, so a surrogate pair is never cut in two). */
export function shorten(text: string, max: number): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a fast path; the count of code points below gives the same answer
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * VS Code renders `[label](target)` in notification messages as a link, and `command:` targets run
 * commands. A space between `]` and `(` keeps the text readable and makes it no link.
 */
export function unlink(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}
