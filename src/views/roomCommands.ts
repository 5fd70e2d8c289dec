/** Commands on the tree: refresh, and copying a room's name. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type LiveState } from '../state/liveState';
import { displayName } from './displayName';
import { type TreeNode } from './sessionsTree';

export function registerRoomCommands(state: LiveState): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sconnector.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'sconnector.sessions' } }, () => state.refresh(true))),
    vscode.commands.registerCommand('sconnector.copyRoomName', async (node?: TreeNode) => {
      if (node?.kind !== 'room') return;
      await vscode.env.clipboard.writeText(node.room.roomName);
      // The clipboard gets the raw name; the message shows it as the tree does, with no $(icon) syntax.
      vscode.window.setStatusBarMessage(l10n.t('Copied room name "{0}"', displayName(node.room.roomName).replace(/\$\(/g, '$\u200b(')), 3000);
    }),
  );
}
