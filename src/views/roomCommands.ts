/** Commands on the tree: refresh, and copying a room's name. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { LiveState } from '../state/liveState';
import { TreeNode } from './sessionsTree';

export function registerRoomCommands(state: LiveState): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sconnector.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'sconnector.sessions' } }, () => state.refresh())),
    vscode.commands.registerCommand('sconnector.copyRoomName', async (node?: TreeNode) => {
      if (node?.kind !== 'room') return;
      await vscode.env.clipboard.writeText(node.room.roomName);
      vscode.window.setStatusBarMessage(l10n.t('Copied room name "{0}"', node.room.roomName), 3000);
    }),
  );
}
