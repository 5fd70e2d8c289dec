/**
 * The sidebar tree: a license node with its quota, and the live rooms, each expanding to its detail
 * and participants. It renders LiveState and asks it for room details; it makes no request itself.
 * Room names are free text from the server: they only ever go into plain labels or escaped Markdown.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type Participant, type Room } from '../api/schema';
import { type LiveChange, treeUpdate } from '../state/liveChange';
import { type LiveSnapshot, type LiveState } from '../state/liveState';
import { quotaLevel, type QuotaLevel, quotaPercent } from '../state/quota';
import { displayName } from './displayName';
import { appendPlain } from './markdown';
import { age, dateTime, statusLabel, time, users } from './format';

export type TreeNode =
  | { readonly kind: 'error' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'license' }
  | { readonly kind: 'rooms' }
  /** One object per room name for as long as the room is listed, its `room` updated in place: a change redraws just it. */
  | { readonly kind: 'room'; room: Room }
  | { readonly kind: 'participants'; readonly roomName: string; readonly participants: readonly Participant[] }
  | { readonly kind: 'participant'; readonly roomName: string; readonly index: number; readonly id: string; readonly participant: Participant }
  | { readonly kind: 'field'; readonly id: string; readonly label: string; readonly value: string; readonly icon: string; readonly tooltip?: string }
  | { readonly kind: 'message'; readonly id: string; readonly label: string; readonly icon: vscode.ThemeIcon; readonly tooltip?: string };

const QUOTA_COLORS: Readonly<Record<QuotaLevel, string>> = { ok: 'charts.green', warning: 'charts.yellow', full: 'charts.red' };

const STATUS_ICONS: Readonly<Record<string, vscode.ThemeIcon>> = {
  ON_GOING: new vscode.ThemeIcon('broadcast', new vscode.ThemeColor('charts.green')),
  OPEN: new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('charts.blue')),
  WAIT: new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.yellow')),
};
const UNKNOWN_STATUS_ICON = new vscode.ThemeIcon('question');

/**
 * Stable ids, so that expansion and selection survive refreshes. Names are JSON-quoted: they may
 * contain "/", and unlike encodeURIComponent, JSON.stringify never throws (on a lone surrogate).
 */
const roomId = (roomName: string) => `room/${JSON.stringify(roomName)}`;

/** The nodes above the rooms, one object each, so that a change can name them to VS Code. */
const ERROR_NODE: TreeNode = { kind: 'error' };
const LOADING_NODE: TreeNode = { kind: 'loading' };
const LICENSE_NODE: TreeNode = { kind: 'license' };
const ROOMS_NODE: TreeNode = { kind: 'rooms' };

type RoomNode = Extract<TreeNode, { kind: 'room' }>;

export class SessionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The node of each listed room, by name. */
  private readonly roomNodes = new Map<string, RoomNode>();

  constructor(
    private readonly state: LiveState,
    private readonly warningPercent: () => number,
  ) {
    this.subscription = state.onDidChange((change) => this.redraw(change));
  }

  /** Redraws what the change touched, and nothing when a poll brought the same data. */
  private redraw(change: LiveChange): void {
    const update = treeUpdate(change);
    if (update.all) {
      this.changed.fire(undefined);
      return;
    }
    const nodes: TreeNode[] = [];
    if (update.license) nodes.push(LICENSE_NODE);
    if (update.roomList) nodes.push(ROOMS_NODE);
    if (update.rooms.length > 0) {
      const changed = new Set(update.rooms);
      for (const room of change.snapshot.rooms ?? []) {
        const node = changed.has(room.roomName) ? this.roomNodes.get(room.roomName) : undefined;
        if (!node) continue;
        node.room = room;
        nodes.push(node);
      }
    }
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    const snapshot = this.state.snapshot;
    if (!node) return this.topLevel(snapshot);
    switch (node.kind) {
      case 'license':
        return this.licenseFields(snapshot);
      case 'rooms':
        return this.roomList(snapshot);
      case 'room':
        return this.roomDetail(node.room);
      case 'participants':
        return participantNodes(node.roomName, node.participants);
      default:
        return [];
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const snapshot = this.state.snapshot;
    switch (node.kind) {
      case 'error':
        return this.errorItem(snapshot);
      case 'loading':
        return item('loading', l10n.t('Loading live rooms…'), vscode.TreeItemCollapsibleState.None, { iconPath: new vscode.ThemeIcon('loading~spin') });
      case 'license':
        return this.licenseItem(snapshot);
      case 'rooms':
        return item('rooms', l10n.t('Live rooms'), vscode.TreeItemCollapsibleState.Expanded, {
          description: String(snapshot.rooms?.length ?? 0),
          iconPath: new vscode.ThemeIcon('broadcast'),
          contextValue: 'rooms',
          tooltip: l10n.t('Rooms in a meeting now'),
        });
      case 'room':
        return roomItem(node.room);
      case 'participants':
        return item(`${roomId(node.roomName)}/participants`, l10n.t('Participants'), vscode.TreeItemCollapsibleState.Expanded, {
          description: String(node.participants.length),
          iconPath: new vscode.ThemeIcon('organization'),
        });
      case 'participant':
        return participantItem(node);
      case 'field':
        return item(node.id, node.label, vscode.TreeItemCollapsibleState.None, {
          description: node.value,
          iconPath: new vscode.ThemeIcon(node.icon),
          tooltip: node.tooltip ?? `${node.label}: ${node.value}`,
          contextValue: 'field',
        });
      case 'message':
        return item(node.id, node.label, vscode.TreeItemCollapsibleState.None, { iconPath: node.icon, tooltip: node.tooltip ?? node.label });
    }
  }

  private topLevel(snapshot: LiveSnapshot): TreeNode[] {
    if (snapshot.phase === 'signedOut' || snapshot.phase === 'rejected') return []; // the welcome view takes over
    const nodes: TreeNode[] = [];
    if (snapshot.error) nodes.push(ERROR_NODE);
    if (snapshot.license) nodes.push(LICENSE_NODE);
    if (snapshot.rooms) nodes.push(ROOMS_NODE);
    else if (!snapshot.error) nodes.push(LOADING_NODE);
    return nodes;
  }

  private errorItem(snapshot: LiveSnapshot): vscode.TreeItem {
    const stale = snapshot.updatedAt !== undefined;
    const message = snapshot.error?.message ?? '';
    const tooltip = new vscode.MarkdownString(undefined, true);
    appendPlain(tooltip.appendMarkdown(`$(warning) **${l10n.t('The last refresh failed')}**\n\n`), message);
    if (stale) tooltip.appendMarkdown(`\n\n${l10n.t('Showing data from {0}.', time(snapshot.updatedAt))}`);
    tooltip.appendMarkdown(`\n\n${l10n.t('Click to retry.')}`);
    return item('error', stale ? l10n.t('Refresh failed: showing older data') : l10n.t('Could not load live rooms'), vscode.TreeItemCollapsibleState.None, {
      description: message,
      iconPath: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
      tooltip,
      contextValue: 'error',
      command: { command: 'sconnector.refresh', title: l10n.t('Retry') },
    });
  }

  private licenseItem(snapshot: LiveSnapshot): vscode.TreeItem {
    const license = snapshot.license!;
    const inUse = snapshot.rooms?.length ?? 0;
    const level = quotaLevel(inUse, license.roomLimit, this.warningPercent());
    const tooltip = new vscode.MarkdownString();
    appendPlain(tooltip.appendMarkdown(`**${l10n.t('License')}** `), license.domain);
    tooltip.appendMarkdown(`\n\n${l10n.t('{0} of {1} rooms in use ({2} %)', inUse, license.roomLimit, quotaPercent(inUse, license.roomLimit))}`);
    if (!license.enabled) tooltip.appendMarkdown(`\n\n**${l10n.t('This license is disabled.')}**`);
    return item('license', license.domain || l10n.t('License'), vscode.TreeItemCollapsibleState.Collapsed, {
      description: license.enabled
        ? l10n.t('{0} / {1} rooms', inUse, license.roomLimit)
        : l10n.t('{0} / {1} rooms · disabled', inUse, license.roomLimit),
      iconPath: license.enabled
        ? new vscode.ThemeIcon('verified', new vscode.ThemeColor(QUOTA_COLORS[level]))
        : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('errorForeground')),
      tooltip,
      contextValue: 'license',
    });
  }

  private licenseFields(snapshot: LiveSnapshot): TreeNode[] {
    const license = snapshot.license;
    if (!license) return [];
    const inUse = snapshot.rooms?.length ?? 0;
    const fields: TreeNode[] = [
      { kind: 'field', id: 'license/domain', label: l10n.t('Domain'), value: license.domain || l10n.t('(none)'), icon: 'globe' },
      { kind: 'field', id: 'license/limit', label: l10n.t('Room limit'), value: String(license.roomLimit), icon: 'dashboard' },
      { kind: 'field', id: 'license/inUse', label: l10n.t('In use'), value: l10n.t('{0} of {1} ({2} %)', inUse, license.roomLimit, quotaPercent(inUse, license.roomLimit)), icon: 'pulse' },
      { kind: 'field', id: 'license/enabled', label: l10n.t('Enabled'), value: license.enabled ? l10n.t('Yes') : l10n.t('No'), icon: license.enabled ? 'pass' : 'circle-slash' },
    ];
    if (license.createdAt) fields.push({ kind: 'field', id: 'license/since', label: l10n.t('Since'), value: dateTime(license.createdAt), icon: 'calendar', tooltip: license.createdAt });
    return fields;
  }

  private roomList(snapshot: LiveSnapshot): TreeNode[] {
    const rooms = snapshot.rooms ?? [];
    const listed = new Set<string>();
    const nodes: TreeNode[] = rooms.map((room) => {
      listed.add(room.roomName);
      let node = this.roomNodes.get(room.roomName);
      if (node) node.room = room;
      else this.roomNodes.set(room.roomName, (node = { kind: 'room', room }));
      return node;
    });
    for (const name of [...this.roomNodes.keys()]) if (!listed.has(name)) this.roomNodes.delete(name);
    if (rooms.length === 0) nodes.push({ kind: 'message', id: 'rooms/none', label: l10n.t('No live rooms'), icon: new vscode.ThemeIcon('circle-slash') });
    if (snapshot.duplicateRooms > 0) {
      nodes.push({
        kind: 'message',
        id: 'rooms/duplicates',
        label: snapshot.duplicateRooms === 1 ? l10n.t('1 duplicate room entry merged') : l10n.t('{0} duplicate room entries merged', snapshot.duplicateRooms),
        icon: new vscode.ThemeIcon('info'),
        tooltip: l10n.t('The server listed the same room name more than once. A room is known by its name, so each is shown and counted once.'),
      });
    }
    if (snapshot.skippedRooms > 0) {
      nodes.push({
        kind: 'message',
        id: 'rooms/skipped',
        label: l10n.t('{0} room(s) could not be read', snapshot.skippedRooms),
        icon: new vscode.ThemeIcon('warning'),
        tooltip: l10n.t('The server listed rooms without a usable name; they are left out. See the S-Connector log.'),
      });
    }
    return nodes;
  }

  private async roomDetail(room: Room): Promise<TreeNode[]> {
    const id = roomId(room.roomName);
    const detail = await this.state.roomDetail(room.roomName);
    if (detail.kind === 'closed') {
      return [{ kind: 'message', id: `${id}/closed`, label: l10n.t('This room is no longer live'), icon: new vscode.ThemeIcon('circle-slash') }];
    }
    if (detail.kind === 'failed') {
      return [{ kind: 'message', id: `${id}/failed`, label: l10n.t('Could not load the room'), icon: new vscode.ThemeIcon('warning'), tooltip: detail.error.message }];
    }
    const live = detail.room;
    const nodes: TreeNode[] = [
      // The tooltip shows the status as the server sent it (not translated: it is the server's word).
      { kind: 'field', id: `${id}/status`, label: l10n.t('Status'), value: statusLabel(live.status), icon: 'symbol-event', tooltip: l10n.t('Status: {0}', live.status) },
      { kind: 'field', id: `${id}/users`, label: l10n.t('Users'), value: String(live.userCount), icon: 'person' },
    ];
    if (live.createdAt) nodes.push({ kind: 'field', id: `${id}/since`, label: l10n.t('Since'), value: dateTime(live.createdAt), icon: 'clock', tooltip: live.createdAt });
    if (live.sessionId) nodes.push({ kind: 'field', id: `${id}/session`, label: l10n.t('Session'), value: live.sessionId, icon: 'key' });
    if (live.participants) {
      nodes.push(live.participants.length
        ? { kind: 'participants', roomName: live.roomName, participants: live.participants }
        : { kind: 'message', id: `${id}/nobody`, label: l10n.t('No participants'), icon: new vscode.ThemeIcon('organization') });
    }
    return nodes;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function item(id: string, label: string, state: vscode.TreeItemCollapsibleState, extra: Partial<vscode.TreeItem>): vscode.TreeItem {
  return Object.assign(new vscode.TreeItem(label, state), { id }, extra);
}

function roomItem(room: Room): vscode.TreeItem {
  const since = room.createdAt ? ` · ${l10n.t('since {0}', dateTime(room.createdAt))}` : '';
  const tooltip = new vscode.MarkdownString();
  appendPlain(tooltip.appendMarkdown(`**${l10n.t('Room')}** `), room.roomName);
  appendPlain(tooltip.appendMarkdown('\n\n'), `${statusLabel(room.status)} (${room.status}) · ${users(room.userCount)}${since}`);
  return item(roomId(room.roomName), displayName(room.roomName), vscode.TreeItemCollapsibleState.Collapsed, {
    description: `${statusLabel(room.status)} · ${users(room.userCount)}`,
    iconPath: STATUS_ICONS[room.status] ?? UNKNOWN_STATUS_ICON,
    tooltip,
    contextValue: 'room',
    accessibilityInformation: { label: l10n.t('Room {0}, {1}, {2}', displayName(room.roomName), statusLabel(room.status), users(room.userCount)) },
  });
}

/**
 * Participants are people, not addresses: two entries with one connection id may still be two rows
 * (the server's business), so each keeps its row, and a repeated id gets a suffix to stay unique.
 */
function participantNodes(roomName: string, participants: readonly Participant[]): TreeNode[] {
  const used = new Set<string>();
  return participants.map((participant, index) => {
    const base = participant.connectionId ?? `#${index}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}#${n}`;
    used.add(key);
    return { kind: 'participant', roomName, index, id: `${roomId(roomName)}/participant/${JSON.stringify(key)}`, participant };
  });
}

function participantItem({ index, id, participant }: Extract<TreeNode, { kind: 'participant' }>): vscode.TreeItem {
  const name = displayName(participant.userName || participant.connectionId || l10n.t('Participant {0}', index + 1));
  const tooltip = new vscode.MarkdownString();
  appendPlain(tooltip.appendMarkdown('**'), name).appendMarkdown('**');
  for (const [label, value] of [
    [l10n.t('Role'), participant.role],
    [l10n.t('Platform'), participant.platform],
    [l10n.t('Location'), participant.location],
    [l10n.t('Since'), participant.createdAt && dateTime(participant.createdAt)],
    [l10n.t('Connection'), participant.connectionId],
  ] as const) {
    if (value) appendPlain(tooltip.appendMarkdown(`\n\n${label}: `), value);
  }
  return item(id, name, vscode.TreeItemCollapsibleState.None, {
    description: [participant.role, participant.platform].filter(Boolean).join(' · '),
    iconPath: new vscode.ThemeIcon('person'),
    tooltip,
    contextValue: 'participant',
  });
}

/** Ages in the view message are recomputed on every render. */
export function staleMessage(snapshot: LiveSnapshot, now: number): string | undefined {
  if (!snapshot.error || snapshot.updatedAt === undefined) return undefined;
  return l10n.t('The last refresh failed; showing data from {0} ({1}).', time(snapshot.updatedAt), age(snapshot.updatedAt, now));
}
