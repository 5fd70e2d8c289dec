/**
 * The prompts that ask for a license's keys, shared by Sign In and Add License: the clear-text
 * warning comes before any key is typed, and the secret key is asked in a password box.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { originOf, sendsKeysInClear } from '../api/apiUrl';
import { isApiError } from '../api/errors';
import { type BoundCredentials } from '../api/tokens';

export interface KeyPromptOptions {
  readonly apiUrl: string;
  /** The title of each step, with its number: "Sign in to S-Connector (1/2)". */
  readonly title: (step: number) => string;
  readonly knownAccessKey?: string;
  /** Ask only for the secret key, of this access key (another machine, after a sync). */
  readonly accessKey?: string;
}

/**
 * Asks for the keys of `apiUrl`; undefined if the user gives up. Nothing leaves in clear without a
 * yes, asked before any request and before the key is typed.
 */
export async function askForKeys(options: KeyPromptOptions): Promise<BoundCredentials | undefined> {
  const { apiUrl } = options;
  const origin = originOf(apiUrl) ?? apiUrl;
  const clearText = sendsKeysInClear(apiUrl);
  if (clearText && !(await acceptClearText(origin))) return undefined;
  const steps = options.accessKey ? 1 : 2;
  const accessKey = options.accessKey ?? (await vscode.window.showInputBox({
    title: options.title(1),
    prompt: l10n.t('Your access key for {0}', origin),
    placeHolder: l10n.t('Access key'),
    value: options.knownAccessKey ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter the access key of your S-Connector license.')),
  }));
  if (accessKey === undefined) return undefined;
  const secretKey = await vscode.window.showInputBox({
    title: options.title(steps),
    prompt: l10n.t("The secret key for {0}. It is kept in VS Code's secret storage and sent only to {1}.", accessKey.trim(), origin),
    placeHolder: l10n.t('Secret key'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter the secret key that belongs to this access key.')),
  });
  if (secretKey === undefined) return undefined;
  return { apiUrl, accessKey: accessKey.trim(), secretKey: secretKey.trim(), ...(clearText && { clearTextConfirmed: true }) };
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

/**
 * Runs a sign-in with its progress notification; on failure says why, and offers to try again (the
 * prompts again) or the log. Returns whether it succeeded.
 */
export async function withSignInProgress(log: vscode.LogOutputChannel, signIn: () => Promise<void>, again: () => Promise<unknown>): Promise<boolean> {
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Signing in to S-Connector…') }, signIn);
    return true;
  } catch (error) {
    // isApiError: the model's errors come from the main bundle, with its own ApiError class.
    const message = isApiError(error)
      ? error.message
      : l10n.t('VS Code could not keep the secret key in its secret storage. On Linux, a keyring (such as GNOME Keyring) must be running. The previous sign-in is unchanged.');
    log.warn(`Sign-in failed: ${message}`);
    const tryAgain = l10n.t('Try Again');
    const showLog = l10n.t('Show Log');
    const choice = await vscode.window.showErrorMessage(message, tryAgain, showLog);
    if (choice === tryAgain) await again();
    if (choice === showLog) log.show(true);
    return false;
  }
}
