/**
 * Context keys behind the welcome views and menus' when-clauses, and the view's description where
 * the welcome text (static, from package.json) cannot name an origin.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type CredentialStatus } from '../state/credentials';
import { type LicenseView } from '../state/licenses';
import { type LiveSnapshot } from '../state/liveState';

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

const isSignedIn = (snapshot: LiveSnapshot) => snapshot.phase === 'loading' || snapshot.phase === 'ready';

/**
 * `sconnector.signedIn`: some license is signed in (the report and Refresh have something to show);
 * `sconnector.signInProblem` and `sconnector.hasKeys`: of the current license;
 * `sconnector.licenseCount`: how many licenses are stored (Switch, Rename and Remove need one).
 */
export function bindContextKeys(licenses: LicenseView & { readonly list: { readonly all: readonly unknown[] } }, view: vscode.TreeView<unknown>): vscode.Disposable {
  let last = '';
  let rendering = Promise.resolve();
  const render = async () => {
    const session = licenses.current;
    const snapshot = session.state.snapshot;
    const status = await session.credentials.status();
    const signedIn = licenses.all.some((other) => isSignedIn(other.snapshot));
    const several = licenses.all.length > 1;
    const problem = several ? '' : signInProblem(snapshot, status);
    const hasKeys = status.kind === 'ready' || status.kind === 'otherOrigin';
    // "Sign in to <origin>": the welcome text cannot hold it, the view's description can.
    view.description = problem === 'otherOrigin' && status.kind === 'otherOrigin' ? l10n.t('Sign in to {0}', status.currentOrigin ?? '') : undefined;
    const count = licenses.list.all.length;
    const key = `${signedIn}|${problem}|${hasKeys}|${count}`;
    if (key === last) return; // setContext crosses to the renderer: only on change
    last = key;
    set('sconnector.signedIn', signedIn);
    set('sconnector.signInProblem', problem);
    set('sconnector.hasKeys', hasKeys);
    set('sconnector.licenseCount', count);
  };
  // One render at a time, in order: a slow status read must not let an older state win.
  const queue = () => {
    rendering = rendering.then(render).catch(() => undefined);
  };
  queue();
  return vscode.Disposable.from(
    licenses.onDidChangeLive(queue),
    licenses.onDidChange(queue),
  );
}
