/** Sign In and Sign Out: the prompts and messages; checking and storing the keys is Account's job. */
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
      void vscode.window.showInformationMessage('Signed out of S-Connector. The secret key was removed from this machine.');
    }),
  );
}

async function signIn(account: Account, settings: () => Settings, log: vscode.LogOutputChannel): Promise<void> {
  const { apiUrl, accessKey: knownAccessKey } = settings();
  if (sendsKeysInClear(apiUrl) && !(await acceptClearText(apiUrl))) return;

  const accessKey = await vscode.window.showInputBox({
    title: 'Sign in to S-Connector (1/2)',
    prompt: 'Your access key',
    placeHolder: 'Access key',
    value: knownAccessKey,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter the access key of your S-Connector license.'),
  });
  if (accessKey === undefined) return;
  const secretKey = await vscode.window.showInputBox({
    title: 'Sign in to S-Connector (2/2)',
    prompt: `The secret key for ${accessKey.trim()}. It is kept in VS Code's secret storage.`,
    placeHolder: 'Secret key',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter the secret key that belongs to this access key.'),
  });
  if (secretKey === undefined) return;

  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Signing in to S-Connector…' },
      () => account.signIn({ accessKey: accessKey.trim(), secretKey: secretKey.trim() }),
    );
    log.info(`Signed in with access key ${accessKey.trim()}`);
    void vscode.window.showInformationMessage(`Signed in to S-Connector with access key ${accessKey.trim()}.`);
  } catch (error) {
    const message = error instanceof ApiError
      ? error.message
      : "VS Code could not keep the secret key in its secret storage. On Linux, a keyring (such as GNOME Keyring) must be running. The previous sign-in is unchanged.";
    log.warn(`Sign-in failed: ${message}`);
    const choice = await vscode.window.showErrorMessage(message, 'Try Again', 'Show Log');
    if (choice === 'Try Again') await signIn(account, settings, log);
    if (choice === 'Show Log') log.show(true);
  }
}

async function acceptClearText(apiUrl: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `The S-Connector API URL ${apiUrl} uses http:// to another machine, so your secret key would cross the network unencrypted.`,
    { modal: true, detail: 'Use an https:// address unless you trust every network in between.' },
    'Sign In Anyway',
    'Change API URL',
  );
  if (choice === 'Change API URL') await vscode.commands.executeCommand('workbench.action.openSettings', 'sconnector.apiUrl');
  return choice === 'Sign In Anyway';
}
