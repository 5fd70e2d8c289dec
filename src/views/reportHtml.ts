/**
 * The usage report page's HTML and webview options: fixed markup, two resources, a strict
 * Content-Security-Policy (scripts by nonce, styles and fonts only from dist/webview), and the
 * translations for VS Code's display language. All data arrives later by message.
 */
import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { bundleScriptText, escapeHtml, htmlLang, L10N_BUNDLE_ELEMENT_ID } from '../shared/pageL10n';

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // Only the page's own bundle and the icon: nothing else of the extension is readable from it.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    retainContextWhenHidden: false,
  };
}

/**
 * The page's HTML: fixed markup, two resources, and the translations for VS Code's display
 * language (the same bundle the extension uses, as a JSON data block: see shared/pageL10n.ts).
 */
export function pageHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  bundle: Readonly<Record<string, unknown>> | undefined = vscode.l10n.bundle,
  language: string = vscode.env.language,
): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  const csp = [
    "default-src 'none'",
    // Nothing in the page may change where relative URLs point, or submit a form anywhere.
    "base-uri 'none'",
    "form-action 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${htmlLang(language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('report.css')}">
<title>${escapeHtml(l10n.t('S-Connector Usage'))}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script type="application/json" id="${L10N_BUNDLE_ELEMENT_ID}">${bundleScriptText(bundle)}</script>
<script nonce="${nonce}" src="${asset('report.js')}"></script>
</body>
</html>`;
}
