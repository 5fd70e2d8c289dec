/**
 * The sidebar tree. With one license it shows that license and its live rooms (see
 * licenseBranch.ts). With several, each license is a node on top with its state and `live / limit`,
 * expanding to the same, under an "All licenses" summary that totals them. A live change redraws
 * only the nodes it touched; adding, removing or renaming a license redraws the tree.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type LicenseSession, type LicenseView } from '../state/licenses';
import { type LiveSnapshot } from '../state/liveState';
import { type MonthState } from '../state/monthToDate';
import { levelOfCounts, quotaPercent } from '../state/quota';
import { item, LicenseBranch, leafChildren, leafItem, QUOTA_COLORS, type TreeNode } from './licenseBranch';
import { displayName } from './displayName';
import { appendPlain } from './markdown';
import { age, stateWord, time } from './format';

export type { TreeNode } from './licenseBranch';

const SUMMARY_NODE: TreeNode = { kind: 'summary' };

export class SessionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private branches = new Map<LicenseSession, LicenseBranch>();

  constructor(
    private readonly licenses: LicenseView,
    private readonly warningPercent: (session: LicenseSession) => number,
    private readonly monthOf: (session: LicenseSession) => MonthState | undefined = () => undefined,
  ) {
    this.syncBranches();
    this.subscriptions = [
      licenses.onDidChange(() => {
        this.syncBranches();
        this.changed.fire(undefined);
      }),
      licenses.onDidChangeLive(({ session, change }) => {
        const branch = this.branches.get(session);
        if (!branch) return;
        const nodes = branch.changedNodes(change);
        if (!this.several) {
          if (nodes === 'all') this.changed.fire(undefined);
          else if (nodes.length > 0) this.changed.fire(nodes);
          return;
        }
        // The license's own node carries its counts and state, and the summary totals them all.
        if (nodes === 'all') {
          this.changed.fire([SUMMARY_NODE, branch.accountNode]);
          return;
        }
        const touched = change.license ? [SUMMARY_NODE, branch.accountNode, ...nodes] : nodes;
        if (touched.length > 0) this.changed.fire(touched);
      }),
    ];
  }

  /** Whether the tree shows several licenses side by side. */
  get several(): boolean {
    return this.licenses.all.length > 1;
  }

  /** Draws every element again (a threshold changed: every quota colour may have). */
  redrawAll(): void {
    this.changed.fire(undefined);
  }

  /** A license's month figure changed: its node may appear, so its parent draws again. */
  monthChanged(licenseId: string): void {
    const branch = [...this.branches.values()].find((candidate) => candidate.session.id === licenseId);
    if (branch) this.changed.fire(this.several ? branch.accountNode : undefined);
  }

  /** The branch that draws a license, for the views around the tree. */
  branchOf(session: LicenseSession): LicenseBranch | undefined {
    return this.branches.get(session);
  }

  private syncBranches(): void {
    const branches = new Map<LicenseSession, LicenseBranch>();
    const several = this.several;
    for (const session of this.licenses.all) {
      const branch = this.branches.get(session) ?? new LicenseBranch(session, this.warningPercent, this.monthOf);
      branch.prefix = several ? `license/${JSON.stringify(session.id)}/` : '';
      branches.set(session, branch);
    }
    this.branches = branches;
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (!node) {
      if (!this.several) return this.branches.get(this.licenses.current)?.topLevel() ?? [];
      return [SUMMARY_NODE, ...[...this.branches.values()].map((branch) => branch.accountNode)];
    }
    switch (node.kind) {
      case 'summary':
        return [];
      case 'account':
        return accountChildren(node.branch);
      case 'error':
      case 'loading':
      case 'license':
      case 'rooms':
      case 'room':
        return node.branch.children(node);
      default:
        return leafChildren(node);
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'summary':
        return this.summaryItem();
      case 'account':
        return this.accountItem(node.branch);
      case 'error':
      case 'loading':
      case 'license':
      case 'month':
      case 'rooms':
      case 'room':
        return node.branch.item(node);
      default:
        return leafItem(node);
    }
  }

  private summaryItem(): vscode.TreeItem {
    const counted = [...this.branches.values()].filter((branch) => branch.snapshot.license && branch.snapshot.rooms);
    const live = counted.reduce((sum, branch) => sum + branch.snapshot.rooms!.length, 0);
    const limit = counted.reduce((sum, branch) => sum + branch.snapshot.license!.roomLimit, 0);
    const crowded = counted.filter((branch) => levelOfCounts(branch.snapshot, branch.warningPercent()) !== 'ok').map((branch) => displayName(branch.session.label));
    const unknown = this.branches.size - counted.length;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${l10n.t('All licenses')}**\n\n${l10n.t('{0} of {1} rooms in use ({2} %)', live, limit, quotaPercent(live, limit))}`);
    if (crowded.length > 0) appendPlain(tooltip.appendMarkdown(`\n\n$(warning) ${l10n.t('At or over their warning threshold')}: `), crowded.join(', '));
    if (unknown > 0) tooltip.appendMarkdown(`\n\n${unknown === 1 ? l10n.t('1 license is not counted: it shows no data.') : l10n.t('{0} licenses are not counted: they show no data.', unknown)}`);
    const parts = [l10n.t('{0} / {1} rooms', live, limit)];
    if (crowded.length > 0) parts.push(l10n.t('near the limit: {0}', crowded.join(', ')));
    return item('summary', l10n.t('All licenses'), vscode.TreeItemCollapsibleState.None, {
      description: parts.join(' · '),
      iconPath: new vscode.ThemeIcon('layers', crowded.length > 0 ? new vscode.ThemeColor('charts.yellow') : undefined),
      tooltip,
      contextValue: 'summary',
    });
  }

  private accountItem(branch: LicenseBranch): vscode.TreeItem {
    const { session, snapshot } = branch;
    const current = session === this.licenses.current;
    const state = stateOf(snapshot);
    const counts = snapshot.license && snapshot.rooms ? l10n.t('{0} / {1} rooms', snapshot.rooms.length, snapshot.license.roomLimit) : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    appendPlain(tooltip.appendMarkdown('**'), session.label).appendMarkdown('**');
    appendPlain(tooltip.appendMarkdown('\n\n'), session.apiUrl);
    if (snapshot.license) appendPlain(tooltip.appendMarkdown(`\n\n${l10n.t('Domain')}: `), snapshot.license.domain);
    if (counts) tooltip.appendMarkdown(`\n\n${counts}`);
    tooltip.appendMarkdown(`\n\n${state.text}`);
    if (snapshot.error) appendPlain(tooltip.appendMarkdown(': '), snapshot.error.message);
    if (current) tooltip.appendMarkdown(`\n\n${l10n.t('The current license: the status bar shows it.')}`);
    const level = levelOfCounts(snapshot, branch.warningPercent());
    return item(`license/${JSON.stringify(session.id)}`, displayName(session.label), vscode.TreeItemCollapsibleState.Collapsed, {
      // The counts first: they are what the row is read for, and what a narrow sidebar must not cut off.
      description: [counts, state.short, snapshot.license?.domain, current ? l10n.t('current') : undefined].filter(Boolean).join(' · '),
      iconPath: state.icon ?? new vscode.ThemeIcon('verified', new vscode.ThemeColor(QUOTA_COLORS[level ?? 'ok'])),
      tooltip,
      contextValue: `account.${snapshot.phase}${current ? '.current' : ''}`,
      accessibilityInformation: { label: [session.label, counts, state.text].filter(Boolean).join(', ') },
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/**
 * A license's state in words, its icon when not plain "signed in", and its short form for the
 * description (none while it loads: its spinning icon says so).
 */
function stateOf(snapshot: LiveSnapshot): { text: string; short?: string; icon?: vscode.ThemeIcon } {
  const failed = snapshot.error !== undefined;
  const short = snapshot.phase === 'loading' && !failed ? undefined : stateWord(snapshot.phase, failed);
  const warning = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  switch (snapshot.phase) {
    case 'signedOut':
      return { text: l10n.t('Signed out'), short, icon: new vscode.ThemeIcon('account') };
    case 'rejected':
      return { text: l10n.t('Sign-in refused'), short, icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) };
    case 'loading':
      return failed ? { text: l10n.t('Failing'), short, icon: warning } : { text: l10n.t('Loading'), icon: new vscode.ThemeIcon('loading~spin') };
    case 'ready':
      return failed ? { text: l10n.t('Stale: the last refresh failed'), short, icon: warning } : { text: l10n.t('Signed in') };
  }
}

/** Under a license: what one license shows, or its next step when it has nothing to show. */
function accountChildren(branch: LicenseBranch): TreeNode[] {
  const { snapshot, prefix } = branch;
  const account = branch.accountNode;
  if (snapshot.phase === 'signedOut') {
    return [{ kind: 'message', id: `${prefix}signIn`, label: l10n.t('Sign in to see this license'), icon: new vscode.ThemeIcon('sign-in'), command: { command: 'sconnector.signIn', title: l10n.t('Sign In'), arguments: [account] } }];
  }
  if (snapshot.phase === 'rejected') {
    return [
      { kind: 'message', id: `${prefix}refused`, label: snapshot.error?.message ?? l10n.t('Sign-in refused'), icon: new vscode.ThemeIcon('error'), tooltip: snapshot.error?.message ?? '' },
      { kind: 'message', id: `${prefix}signInAgain`, label: l10n.t('Sign in again'), icon: new vscode.ThemeIcon('sign-in'), command: { command: 'sconnector.signIn', title: l10n.t('Sign In'), arguments: [account] } },
    ];
  }
  return branch.topLevel();
}

/** Ages in the view message are recomputed on every render. */
export function staleMessage(snapshot: LiveSnapshot, now: number): string | undefined {
  if (!snapshot.error || snapshot.updatedAt === undefined) return undefined;
  return l10n.t('The last refresh failed; showing data from {0} ({1}).', time(snapshot.updatedAt), age(snapshot.updatedAt, now));
}
