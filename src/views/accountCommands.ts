/**
 * Sign In and Sign Out, for the current license or the one whose node they were run on: the prompts
 * and messages. Checking and storing the keys is the model's job (Licenses, Account).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { apiUrlProblem, originOf } from '../api/apiUrl';
import { type LicenseParts, type Licenses, type LicenseSession } from '../state/licenses';
import { legacyAccessKey } from '../state/settings';
import { displayName } from './displayName';
import { askForKeys, withSignInProgress } from './keyPrompts';

/** How one command names a license to another: `{ licenseId }`. */
export interface LicenseRef {
  readonly licenseId: string;
}

/**
 * The license a command was run on: a tree node's (from a menu), a LicenseRef's (from another
 * command), or the current one (the palette, the status bar, anything else).
 */
export function sessionOf<P extends LicenseParts>(licenses: Licenses<P>, node: unknown): LicenseSession<P> {
  const argument = node as { readonly branch?: { readonly session: { readonly id: string } }; readonly licenseId?: unknown } | undefined;
  const id = argument?.branch?.session.id ?? (typeof argument?.licenseId === 'string' ? argument.licenseId : undefined);
  return (id !== undefined ? licenses.find(id) : undefined) ?? licenses.current;
}

export async function signOut(session: LicenseSession, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await session.account.signOut();
  } catch (error) {
    // Nothing changed: the keys are still stored, so this window stays signed in and says so.
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`Sign-out failed: ${message}`);
    const tryAgain = l10n.t('Try Again');
    if ((await vscode.window.showErrorMessage(message, tryAgain)) === tryAgain) await signOut(session, log);
    return;
  }
  log.info('Signed out: the keys were removed from secret storage');
  void vscode.window.showInformationMessage(l10n.t('Signed out of S-Connector. The secret key was removed from this machine.'));
}

export async function signIn<P extends LicenseParts>(licenses: Licenses<P>, session: LicenseSession<P>, log: vscode.LogOutputChannel): Promise<void> {
  // The keys are checked at, and bound to, the license's API URL, and shown in the prompts.
  const { apiUrl } = session;
  const problem = apiUrlProblem(apiUrl);
  if (problem) {
    const openSettings = l10n.t('Open Settings');
    if ((await vscode.window.showErrorMessage(problem, openSettings)) === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'sconnector.apiUrl');
    return;
  }
  const several = licenses.all.length > 1;
  const name = displayName(session.label);
  const credentials = await askForKeys({
    apiUrl,
    title: (step) => several ? l10n.t('Sign in to {0} ({1}/2)', name, step) : l10n.t('Sign in to S-Connector ({0}/2)', step),
    knownAccessKey: session.record?.accessKey || (await session.credentials.accessKey()) || legacyAccessKey(),
  });
  if (!credentials) return;
  const origin = originOf(apiUrl) ?? apiUrl;
  const done = await withSignInProgress(log, () => licenses.signIn(session, credentials), () => signIn(licenses, session, log));
  if (!done) return;
  log.info(`Signed in to ${origin} with access key ${credentials.accessKey}`);
  void vscode.window.showInformationMessage(l10n.t('Signed in to S-Connector at {0} with access key {1}.', origin, credentials.accessKey));
}
