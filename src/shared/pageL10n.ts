/**
 * How the usage report page gets its translations: the extension host writes VS Code's l10n bundle
 * (the one `vscode.l10n.bundle` holds for the display language) into the page's HTML as a JSON
 * data block, and the page reads it before it renders anything. No vscode here, so it is
 * unit-tested on its own; the page (src/webview/report.ts) imports it too.
 */

import { isRecord } from './isRecord';

/** The id of the `<script type="application/json">` element that carries the bundle. */
export const L10N_BUNDLE_ELEMENT_ID = 'l10n-bundle';

/**
 * The bundle as the text of a `<script type="application/json">`: a data block, which the browser
 * never runs, so the page's CSP (scripts only by nonce) stays as strict as it is. Every `<` is
 * written as the JSON escape `\u003c` (and `>`, `&`, U+2028, U+2029 likewise), so no text in the
 * bundle can end the element (`</script>`) or open a comment in it; JSON.parse reads them back as
 * the characters they stand for.
 */
export function bundleScriptText(bundle: Readonly<Record<string, unknown>> | undefined): string {
  return JSON.stringify(bundle ?? {}).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The bundle back from that text; an empty bundle (English, as written) for anything unreadable. */
export function parseBundleText(text: string | null | undefined): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    return isRecord(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** A language tag fit for `<html lang>`: VS Code's display language (`en`, `ko`, `zh-cn` …), else `en`. */
export function htmlLang(language: string | undefined): string {
  return language && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : 'en';
}

/** Text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
