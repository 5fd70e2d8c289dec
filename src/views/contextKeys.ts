/** Context keys behind the welcome views and menus' when-clauses. */
import * as vscode from 'vscode';
import { CredentialStore } from '../state/credentials';
import { LiveSnapshot, LiveState } from '../state/liveState';

function set(key: string, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

export function bindContextKeys(state: LiveState, credentials: CredentialStore): vscode.Disposable {
  let last = '';
  const render = async (snapshot: LiveSnapshot) => {
    const signedIn = snapshot.phase === 'loading' || snapshot.phase === 'ready';
    const problem = snapshot.phase === 'rejected' ? snapshot.error?.kind ?? '' : '';
    const hasKeys = await credentials.hasSecret();
    const key = `${signedIn}|${problem}|${hasKeys}`;
    if (key === last) return; // setContext crosses to the renderer: only on change
    last = key;
    set('sconnector.signedIn', signedIn);
    set('sconnector.signInProblem', problem);
    set('sconnector.hasKeys', hasKeys);
  };
  void render(state.snapshot);
  return state.onDidChange((snapshot) => void render(snapshot));
}
