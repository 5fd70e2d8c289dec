/** Server text (room names, messages) into Markdown tooltips as text, never as Markdown or HTML. */
import type * as vscode from 'vscode';
import { neutralise } from '../shared/serverText';

const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * appendText escapes Markdown syntax (so no link or command) but leaves `<` alone; the entities make
 * sure no renderer ever sees a tag, whatever its HTML setting. Bidi overrides, control characters
 * and lone surrogates are neutralised as in the tree's labels.
 */
export function appendPlain(markdown: vscode.MarkdownString, text: string): vscode.MarkdownString {
  return markdown.appendText(neutralise(text).replace(/[<>&]/g, (char) => ENTITIES[char]!));
}
