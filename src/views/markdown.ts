/** Server text (room names, messages) into Markdown tooltips as text, never as Markdown or HTML. */
import * as vscode from 'vscode';

const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * appendText escapes Markdown syntax but leaves `<` alone; the entities make sure no renderer
 * ever sees a tag, whatever its HTML setting.
 */
export function appendPlain(markdown: vscode.MarkdownString, text: string): vscode.MarkdownString {
  return markdown.appendText(text.replace(/[<>&]/g, (char) => ENTITIES[char]!));
}
