/**
 * Room and user names are free text from the server. Shown as labels they stay text (VS Code never
 * parses a label as HTML), but some things would still mislead: control characters, bidi overrides
 * and lone surrogates (see shared/serverText.ts), names long enough to push the status off screen,
 * and right-to-left text that reorders what follows it. The full name stays in copies and exports.
 */
import { neutralise, shorten } from '../shared/serverText';

const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
export const MAX_LABEL = 80;

export function displayName(name: string): string {
  const shown = shorten(neutralise(name), MAX_LABEL);
  // First-strong isolate: the name's direction stays inside it and does not flip the description.
  return RIGHT_TO_LEFT.test(shown) ? `\u2068${shown}\u2069` : shown;
}
