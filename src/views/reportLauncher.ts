/**
 * The usage report's commands and panel serializer, registered at activation; the report itself
 * (quick pick, panel, model, aggregation, export) is a bundle of its own, dist/report.js, loaded
 * the first time one of them runs. That keeps it off the activation path.
 */
import * as vscode from 'vscode';
import type { ReportFeature } from './reportFeature';
import type { TreeNode } from './sessionsTree';
import type { PanelDeps, UsagePanel } from './usagePanel';
import { USAGE_VIEW_TYPE } from './reportViewType';


export interface ReportLauncher extends vscode.Disposable {
  /** The report panel, while one is open (undefined before the report was ever loaded). */
  openPanel(): UsagePanel | undefined;
}

export function registerReportCommands(deps: PanelDeps, memento: vscode.Memento): ReportLauncher {
  let loading: Promise<ReportFeature> | undefined;
  let loaded: ReportFeature | undefined;
  // esbuild resolves this import to ./report.js beside the main bundle (see esbuild.js).
  const feature = () => (loading ??= import('./reportFeature.js').then(({ createReportFeature }) => (loaded = createReportFeature(deps, memento))));
  const open = async (room: string | undefined, argument: unknown, licenseIds?: readonly string[]) => (await feature()).open(room, argument, licenseIds);
  const registrations = vscode.Disposable.from(
    vscode.commands.registerCommand('sconnector.openUsageReport', (argument?: unknown) => open(undefined, argument)),
    // A room's usage is its own license's: that license alone, without asking which.
    vscode.commands.registerCommand('sconnector.showRoomUsage', (node?: TreeNode, argument?: unknown) =>
      node?.kind === 'room' ? open(node.room.roomName, argument, licenseOf(node)) : open(undefined, argument)),
    vscode.commands.registerCommand('sconnector.copyUsageSummary', async () => (await feature()).copySummary()),
    vscode.window.registerWebviewPanelSerializer(USAGE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await feature()).revive(panel, state),
    }),
  );
  return {
    openPanel: () => loaded?.openPanel(),
    dispose: () => {
      registrations.dispose();
      loaded?.openPanel()?.dispose();
    },
  };
}

/** The license of a room node; a command may be handed anything, so a node without one is the current license's. */
function licenseOf(node: TreeNode): readonly string[] | undefined {
  const id = (node as { readonly branch?: { readonly session?: { readonly id?: unknown } } }).branch?.session?.id;
  return typeof id === 'string' ? [id] : undefined;
}
