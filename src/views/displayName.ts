/**
 * Room names are free text from the server. Shown as labels they stay text (VS Code never parses
 * a label as HTML), but three things would still mislead: control characters (invisible, or a
 * line break in a one-line row), names long enough to push the status off screen, and
 * right-to-left text that reorders what follows it. The full name stays in tooltips and copies.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
export const MAX_LABEL = 80;

export function displayName(name: string): string {
  let shown = name.replace(CONTROL, '\ufffd');
  if (shown.length > MAX_LABEL) shown = `${shown.slice(0, MAX_LABEL - 1)}…`;
  // First-strong isolate: the name's direction stays inside it and does not flip the description.
  return RIGHT_TO_LEFT.test(shown) ? `\u2068${shown}\u2069` : shown;
}
