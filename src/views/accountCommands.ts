/** Sign In and Sign Out: the prompts and messages; checking and storing the keys is Account's job. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { apiUrlProblem, originOf, sendsKeysInClear } from '../api/apiUrl';
import { ApiError } from '../api/errors';
import { type Account } from '../state/account';
import { type CredentialStore } from '../state/credentials';
import { legacyAccessKey, type Settings } from '../state/settings';

export function registerAccountCommands(account: Account, credentials: CredentialStore, settings: () => Settings, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sconnector.signIn', () => signIn(account, credentials, settings, log)),
    vscode.commands.registerCommand('sconnector.signOut', () => signOut(account, log)),
  );
}

async function signOut(account: Account, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await account.signOut();
  } catch (error) {
    // Nothing changed: the keys are still stored, so this window stays signed in and says so.
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`Sign-out failed: ${message}`);
    const tryAgain = l10n.t('Try Again');
    if ((await vscode.window.showErrorMessage(message, tryAgain)) === tryAgain) await signOut(account, log);
    return;
  }
  log.info('Signed out: the keys were removed from secret storage');
  void vscode.window.showInformationMessage(l10n.t('Signed out of S-Connector. The secret key was removed from this machine.'));
}

async function signIn(account: Account, credentials: CredentialStore, settings: () => Settings, log: vscode.LogOutputChannel): Promise<void> {
  // The keys are checked at, and bound to, the API URL as it is now, and shown in the prompts.
  const { apiUrl } = settings();
  const problem = apiUrlProblem(apiUrl);
  if (problem) {
    const openSettings = l10n.t('Open Settings');
    if ((await vscode.window.showErrorMessage(problem, openSettings)) === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'sconnector.apiUrl');
    return;
  }
  const origin = originOf(apiUrl) ?? apiUrl;
  // Before any request and before the key is typed: nothing leaves in clear without a yes.
  const clearText = sendsKeysInClear(apiUrl);
  if (clearText && !(await acceptClearText(origin))) return;
  const knownAccessKey = (await credentials.accessKey()) ?? legacyAccessKey();

  const accessKey = await vscode.window.showInputBox({
    title: l10n.t('Sign in to S-Connector (1/2)'),
    prompt: l10n.t('Your access key for {0}', origin),
    placeHolder: l10n.t('Access key'),
    value: knownAccessKey,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter the access key of your S-Connector license.')),
  });
  if (accessKey === undefined) return;
  const secretKey = await vscode.window.showInputBox({
    title: l10n.t('Sign in to S-Connector (2/2)'),
    prompt: l10n.t("The secret key for {0}. It is kept in VS Code's secret storage and sent only to {1}.", accessKey.trim(), origin),
    placeHolder: l10n.t('Secret key'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter the secret key that belongs to this access key.')),
  });
  if (secretKey === undefined) return;

  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Signing in to S-Connector…') },
      () => account.signIn({ apiUrl, accessKey: accessKey.trim(), secretKey: secretKey.trim(), ...(clearText && { clearTextConfirmed: true }) }),
    );
    log.info(`Signed in to ${origin} with access key ${accessKey.trim()}`);
    void vscode.window.showInformationMessage(l10n.t('Signed in to S-Connector at {0} with access key {1}.', origin, accessKey.trim()));
  } catch (error) {
    const message = error instanceof ApiError
      ? error.message
      : l10n.t('VS Code could not keep the secret key in its secret storage. On Linux, a keyring (such as GNOME Keyring) must be running. The previous sign-in is unchanged.');
    log.warn(`Sign-in failed: ${message}`);
    const tryAgain = l10n.t('Try Again');
    const showLog = l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(message, tryAgain, showLog);
    if (choice === tryAgain) await signIn(account, credentials, settings, log);
    if (choice === showLog) log.show(true);
  }
}

async function acceptClearText(origin: string): Promise<boolean> {
  const signInAnyway = l10n.t('Sign In Anyway');
  const changeUrl = l10n.t('Change API URL');
  const choice = await vscode.window.showWarningMessage(
    l10n.t('The S-Connector API URL {0} uses http:// to another machine, so your secret key would cross the network unencrypted.', origin),
    { modal: true, detail: l10n.t('Use an https:// address unless you trust every network in between.') },
    signInAnyway,
    changeUrl,
  );
  if (choice === changeUrl) await vscode.commands.executeCommand('workbench.action.openSettings', 'sconnector.apiUrl');
  return choice === signInAnyway;
}
