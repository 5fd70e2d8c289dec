/**
 * Export of the usage report: the save dialog, the file write, and what the user is told. What is
 * written comes from the report model (state/usageReport.ts): the rows the table shows now.
 */
import * as os from 'node:os';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ExportFormat } from '../shared/protocol';
import type { TableQuery } from '../shared/reportTypes';
import type { UsageReport } from '../state/usageReport';

/** Writes the meetings the table shows now to `target`, as CSV or JSON. Returns how many. */
export async function exportTo(report: UsageReport, format: ExportFormat, query: TableQuery, target: vscode.Uri): Promise<number> {
  const { text, count } = report.exportFile(format, query);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return count;
}

/** Asks where to save, writes, and offers to open the file. */
export async function exportWithDialog(report: UsageReport, format: ExportFormat, query: TableQuery): Promise<void> {
  if (report.current.phase !== 'loaded') return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: format === 'concurrency' ? l10n.t('Export concurrent rooms as CSV') : l10n.t('Export usage as {0}', format.toUpperCase()),
    defaultUri: vscode.Uri.joinPath(folder, report.exportName(format)),
    // File-type names, the same in every language.
    filters: format === 'json' ? { JSON: ['json'] } : { 'CSV (Excel)': ['csv'] },
    saveLabel: l10n.t('Export'),
  });
  if (!target) return;
  try {
    const count = await exportTo(report, format, query, target);
    const where = vscode.workspace.asRelativePath(target);
    const open = l10n.t({ message: 'Open', comment: ['A button: opens the exported file.'] });
    const done = format === 'concurrency'
      ? l10n.t('Exported the concurrent rooms ({0} rows) to {1}.', count.toLocaleString(), where)
      : count === 1 ? l10n.t('Exported 1 meeting to {0}.', where) : l10n.t('Exported {0} meetings to {1}.', count.toLocaleString(), where);
    const choice = await vscode.window.showInformationMessage(done, open);
    if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Could not write {0}: {1}', target.fsPath, error instanceof Error ? error.message : String(error)));
  }
}

/** Copies the report's figures as Markdown, and says so. */
export async function copySummary(report: UsageReport): Promise<boolean> {
  const markdown = report.summaryMarkdown();
  if (markdown === undefined) {
    void vscode.window.showInformationMessage(l10n.t('There is no usage report to copy yet.'));
    return false;
  }
  await vscode.env.clipboard.writeText(markdown);
  void vscode.window.showInformationMessage(l10n.t('Copied the usage summary as Markdown.'));
  return true;
}
