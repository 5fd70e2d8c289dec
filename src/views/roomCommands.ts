/** Commands on the tree: refresh, and copying a room's name. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type LicenseParts, type Licenses } from '../state/licenses';
import { displayName } from './displayName';
import { type TreeNode } from './sessionsTree';

export function registerRoomCommands<P extends LicenseParts>(licenses: Licenses<P>): vscode.Disposable {
  return vscode.Disposable.from(
    // On a license's node (or anything under it): that license; from the palette or the view title: all.
    vscode.commands.registerCommand('sconnector.refresh', (node?: TreeNode) =>
      vscode.window.withProgress({ location: { viewId: 'sconnector.sessions' } }, () =>
        node && 'branch' in node ? node.branch.session.state.refresh(true) : licenses.refreshAll(true))),
    vscode.commands.registerCommand('sconnector.copyRoomName', async (node?: TreeNode) => {
      if (node?.kind !== 'room') return;
      await vscode.env.clipboard.writeText(node.room.roomName);
      // The clipboard gets the raw name; the message shows it as the tree does, with no $(icon) syntax.
      vscode.window.setStatusBarMessage(l10n.t('Copied room name "{0}"', displayName(node.room.roomName).replace(/\$\(/g, '$\u200b(')), 3000);
    }),
  );
}
