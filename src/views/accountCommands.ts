/** Sign In and Sign Out: the prompts and messages; checking and storing the keys is Account's job. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { Account } from '../state/account';
import { sendsKeysInClear } from '../state/apiUrlSafety';
import { Settings } from '../state/settings';

export function registerAccountCommands(account: Account, settings: () => Settings, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sconnector.signIn', () => signIn(account, settings, log)),
    vscode.commands.registerCommand('sconnector.signOut', async () => {
      await account.signOut();
      log.info('Signed out: the secret key was removed from secret storage');
      void vscode.window.showInformationMessage(l10n.t('Signed out of S-Connector. The secret key was removed from this machine.'));
    }),
  );
}

async function signIn(account: Account, settings: () => Settings, log: vscode.LogOutputChannel): Promise<void> {
  const { apiUrl, accessKey: knownAccessKey } = settings();
  if (sendsKeysInClear(apiUrl) && !(await acceptClearText(apiUrl))) return;

  const accessKey = await vscode.window.showInputBox({
    title: l10n.t('Sign in to S-Connector (1/2)'),
    prompt: l10n.t('Your access key'),
    placeHolder: l10n.t('Access key'),
    value: knownAccessKey,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter the access key of your S-Connector license.')),
  });
  if (accessKey === undefined) return;
  const secretKey = await vscode.window.showInputBox({
    title: l10n.t('Sign in to S-Connector (2/2)'),
    prompt: l10n.t("The secret key for {0}. It is kept in VS Code's secret storage.", accessKey.trim()),
    placeHolder: l10n.t('Secret key'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter the secret key that belongs to this access key.')),
  });
  if (secretKey === undefined) return;

  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Signing in to S-Connector…') },
      () => account.signIn({ accessKey: accessKey.trim(), secretKey: secretKey.trim() }),
    );
    log.info(`Signed in with access key ${accessKey.trim()}`);
    void vscode.window.showInformationMessage(l10n.t('Signed in to S-Connector with access key {0}.', accessKey.trim()));
  } catch (error) {
    const message = error instanceof ApiError
      ? error.message
      : l10n.t('VS Code could not keep the secret key in its secret storage. On Linux, a keyring (such as GNOME Keyring) must be running. The previous sign-in is unchanged.');
    log.warn(`Sign-in failed: ${message}`);
    const tryAgain = l10n.t('Try Again');
    const showLog = l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(message, tryAgain, showLog);
    if (choice === tryAgain) await signIn(account, settings, log);
    if (choice === showLog) log.show(true);
  }
}

async function acceptClearText(apiUrl: string): Promise<boolean> {
  const signInAnyway = l10n.t('Sign In Anyway');
  const changeUrl = l10n.t('Change API URL');
  const choice = await vscode.window.showWarningMessage(
    l10n.t('The S-Connector API URL {0} uses http:// to another machine, so your secret key would cross the network unencrypted.', apiUrl),
    { modal: true, detail: l10n.t('Use an https:// address unless you trust every network in between.') },
    signInAnyway,
    changeUrl,
  );
  if (choice === changeUrl) await vscode.commands.executeCommand('workbench.action.openSettings', 'sconnector.apiUrl');
  return choice === signInAnyway;
}
