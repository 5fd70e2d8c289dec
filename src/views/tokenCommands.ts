/**
 * Create Access Token: a token for development, for the current license or the one whose node it
 * was run on. It signs in with that license's keys (its own request: the extension's session token
 * is not touched), copies the token to the clipboard, and shows its expiry and claims. The token is
 * never logged, stored, or kept once copied.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type HttpTransport } from '../api/http';
import { readJwtClaims, readJwtTimes, requestToken } from '../api/tokens';
import { claimLines, lifetimeProblem } from '../state/accessToken';
import { type LicenseSession } from '../state/licenses';
import { neutralise } from '../shared/serverText';
import { type LicenseRef } from './accountCommands';
import { displayName } from './displayName';

export async function createAccessToken(session: LicenseSession, http: HttpTransport, log: vscode.LogOutputChannel): Promise<void> {
  const name = displayName(session.label);
  const credentials = await session.credentials.get().catch(() => undefined);
  if (!credentials) {
    const signIn = l10n.t('Sign In');
    const choice = await vscode.window.showErrorMessage(l10n.t('Sign in to {0} first: the token is issued with its keys.', name), signIn);
    if (choice === signIn) await vscode.commands.executeCommand('sconnector.signIn', { licenseId: session.id } satisfies LicenseRef);
    return;
  }
  const minutes = await vscode.window.showInputBox({
    title: l10n.t('Create Access Token for {0} (1/2)', name),
    prompt: l10n.t('How long the token lives, in minutes ("expires" in v1/auth)'),
    value: '60',
    ignoreFocusOut: true,
    validateInput: lifetimeProblem,
  });
  if (minutes === undefined) return;
  const withoutRights = { label: l10n.t('Without owner rights'), description: l10n.t('a token as the extension uses'), isOwner: false };
  const withRights = {
    label: l10n.t('With owner rights (isOwner)'),
    detail: l10n.t('The API document says a token issued with isOwner: true gives admin rights in the rooms created with it, and marks this as in development.'),
    isOwner: true,
  };
  const rights = await vscode.window.showQuickPick([withoutRights, withRights], { title: l10n.t('Create Access Token for {0} (2/2)', name), placeHolder: l10n.t('Owner rights?'), ignoreFocusOut: true });
  if (!rights) return;
  let token: string;
  try {
    token = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Creating an access token…') }, () =>
      requestToken(http, credentials, { expiresMinutes: Number(minutes.trim()), isOwner: rights.isOwner }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`Creating an access token failed: ${message}`);
    void vscode.window.showErrorMessage(message);
    return;
  }
  await vscode.env.clipboard.writeText(token);
  const { expiresAt } = readJwtTimes(token);
  const claims = claimLines(readJwtClaims(token) ?? {}, (ms) => new Date(ms).toLocaleString());
  // Logged without the token: that it was made, for whom, and how long it lives.
  log.info(`Created an access token (${rights.isOwner ? 'with' : 'without'} owner rights, ${minutes.trim()} min); it was copied to the clipboard and not kept`);
  const expiry = expiresAt !== undefined ? l10n.t('It expires at {0}.', new Date(expiresAt).toLocaleString()) : l10n.t('It states no expiry.');
  await vscode.window.showInformationMessage(
    l10n.t('Copied an access token for {0} to the clipboard. {1}', name, expiry),
    { modal: true, detail: `${l10n.t('What the token says of itself:')}\n${claims.map(neutralise).join('\n')}` },
  );
}
