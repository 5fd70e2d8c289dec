/** Add, Switch, Rename and Remove License: the prompts around the license list. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { apiUrlProblem, originOf } from '../api/apiUrl';
import { type LicenseParts, type Licenses, type LicenseSession } from '../state/licenses';
import { type Settings } from '../state/settings';
import { sessionOf } from './accountCommands';
import { displayName } from './displayName';
import { stateWord } from './format';
import { askForKeys, withSignInProgress } from './keyPrompts';

/** The license a command was run on (a node), or the one the user picks. */
export async function pickedLicense<P extends LicenseParts>(licenses: Licenses<P>, node: unknown, title: string): Promise<LicenseSession<P> | undefined> {
  return node ? sessionOf(licenses, node) : pickLicense(licenses, title);
}

/** A license's state in a few words, for pickers: its counts when it has them. */
export function licenseSummary(session: LicenseSession): string {
  const { phase, license, rooms, error } = session.snapshot;
  const state = stateWord(phase, error !== undefined);
  if (!license || !rooms) return state ?? '';
  return [l10n.t('{0} / {1} rooms', rooms.length, license.roomLimit), state].filter(Boolean).join(' · ');
}

async function pickLicense<P extends LicenseParts>(licenses: Licenses<P>, title: string): Promise<LicenseSession<P> | undefined> {
  const current = licenses.current;
  const items = licenses.all.map((session) => ({
    label: `${session === current ? '$(check)' : '$(blank)'} ${displayName(session.label)}`,
    description: licenseSummary(session),
    detail: [session.snapshot.license?.domain, originOf(session.apiUrl) ?? session.apiUrl].filter(Boolean).map((text) => displayName(text!)).join(' · '),
    session,
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: l10n.t('Pick a license'), matchOnDescription: true, matchOnDetail: true }))?.session;
}

export async function addLicense<P extends LicenseParts>(licenses: Licenses<P>, settings: () => Settings, log: vscode.LogOutputChannel): Promise<void> {
  const title = (step: number) => l10n.t('Add S-Connector License ({0}/4)', step);
  const label = await vscode.window.showInputBox({
    title: title(1),
    prompt: l10n.t('A name for this license, shown in the tree and the status bar'),
    placeHolder: l10n.t('For example: Production, Staging, or a customer\'s name'),
    ignoreFocusOut: true,
    validateInput: (value) => licenses.list.labelProblem(value),
  });
  if (label === undefined) return;
  const apiUrl = await vscode.window.showInputBox({
    title: title(2),
    prompt: l10n.t('The API URL of this license. Its secret key will be sent only there.'),
    value: settings().apiUrl,
    ignoreFocusOut: true,
    validateInput: (value) => apiUrlProblem(value.trim()),
  });
  if (apiUrl === undefined) return;
  const credentials = await askForKeys({ apiUrl: apiUrl.trim(), title: (step) => title(step + 2) });
  if (!credentials) return;
  const draft = licenses.draft(credentials.apiUrl);
  const added = await withSignInProgress(log, () => licenses.signIn(draft, credentials, label.trim()), () => addLicense(licenses, settings, log));
  if (!added) {
    licenses.discard(draft);
    return;
  }
  log.info(`Added a license at ${originOf(credentials.apiUrl) ?? ''} with access key ${credentials.accessKey}`);
  void vscode.window.showInformationMessage(l10n.t('Added the license "{0}". It is now the current license.', displayName(label.trim())));
}

export async function renameLicense<P extends LicenseParts>(licenses: Licenses<P>, session: LicenseSession<P>): Promise<void> {
  const id = session.id;
  const label = await vscode.window.showInputBox({
    title: l10n.t('Rename S-Connector License'),
    value: session.label,
    ignoreFocusOut: true,
    validateInput: (value) => licenses.list.labelProblem(value, id),
  });
  if (label === undefined || label.trim() === session.label) return;
  await licenses.list.rename(id, label);
}

export async function removeLicense<P extends LicenseParts>(licenses: Licenses<P>, session: LicenseSession<P>, log: vscode.LogOutputChannel): Promise<void> {
  const remove = l10n.t('Remove');
  const choice = await vscode.window.showWarningMessage(
    l10n.t('Remove the license "{0}"?', displayName(session.label)),
    { modal: true, detail: l10n.t('Its secret key is deleted from this machine. The license itself, its rooms and its usage stay as they are on the server.') },
    remove,
  );
  if (choice !== remove) return;
  try {
    await licenses.remove(session);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`Removing a license failed: ${message}`);
    void vscode.window.showErrorMessage(message);
    return;
  }
  log.info('Removed a license; its secret key was deleted from secret storage');
  void vscode.window.showInformationMessage(l10n.t('Removed the license "{0}". Its secret key was deleted from this machine.', displayName(session.label)));
}
