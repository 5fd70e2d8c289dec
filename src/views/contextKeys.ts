/**
 * Context keys behind the welcome views and menus' when-clauses, and the view's description where
 * the welcome text (static, from package.json) cannot name an origin.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type CredentialStatus, type CredentialStore } from '../state/credentials';
import { type LiveSnapshot, type LiveState } from '../state/liveState';

function set(key: string, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

/** Why the welcome view shows, as `sconnector.signInProblem`; '' for plainly signed out. */
export function signInProblem(snapshot: LiveSnapshot, status: CredentialStatus): string {
  if (snapshot.phase === 'rejected') return snapshot.error?.kind ?? '';
  // With an API URL that is not valid there is no origin to sign in to: the view's message says why.
  if (snapshot.phase === 'signedOut' && status.kind === 'otherOrigin' && status.currentOrigin) return 'otherOrigin';
  return '';
}

export function bindContextKeys(state: LiveState, credentials: CredentialStore, view: vscode.TreeView<unknown>): vscode.Disposable {
  let last = '';
  let rendering = Promise.resolve();
  const render = async (snapshot: LiveSnapshot) => {
    const status = await credentials.status();
    const signedIn = snapshot.phase === 'loading' || snapshot.phase === 'ready';
    const problem = signInProblem(snapshot, status);
    const hasKeys = status.kind === 'ready' || status.kind === 'otherOrigin';
    // "Sign in to <origin>": the welcome text cannot hold it, the view's description can.
    view.description = problem === 'otherOrigin' && status.kind === 'otherOrigin' ? l10n.t('Sign in to {0}', status.currentOrigin ?? '') : undefined;
    const key = `${signedIn}|${problem}|${hasKeys}`;
    if (key === last) return; // setContext crosses to the renderer: only on change
    last = key;
    set('sconnector.signedIn', signedIn);
    set('sconnector.signInProblem', problem);
    set('sconnector.hasKeys', hasKeys);
  };
  // One render at a time, in order: a slow status read must not let an older snapshot win.
  const queue = (snapshot: LiveSnapshot) => {
    rendering = rendering.then(() => render(snapshot)).catch(() => undefined);
  };
  queue(state.snapshot);
  return vscode.Disposable.from(
    state.onDidChange(({ snapshot }) => queue(snapshot)),
    credentials.onDidChange(() => queue(state.snapshot)),
  );
}
