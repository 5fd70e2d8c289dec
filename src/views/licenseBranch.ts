/**
 * One license's part of the sidebar tree: its license node with the quota, and its live rooms, each
 * expanding to its detail and participants. It renders the license's LiveState and asks it for room
 * details; it makes no request itself. Room names are free text from the server: they only ever go
 * into plain labels or escaped Markdown.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type Participant, type Room } from '../api/schema';
import { type LicenseSession } from '../state/licenses';
import { type LiveChange, treeUpdate } from '../state/liveChange';
import { type LiveSnapshot } from '../state/liveState';
import { type MonthState } from '../state/monthToDate';
import { quotaLevel, type QuotaLevel, quotaPercent } from '../state/quota';
import { displayName } from './displayName';
import { appendPlain } from './markdown';
import { dateTime, localDay, statusLabel, time, users } from './format';

export type TreeNode =
  /** On top when there are several licenses: all of them together. */
  | { readonly kind: 'summary' }
  /** A license on top, when there are several; it expands to what a single license shows. */
  | { readonly kind: 'account'; readonly branch: LicenseBranch }
  | { readonly kind: 'error'; readonly branch: LicenseBranch }
  | { readonly kind: 'loading'; readonly branch: LicenseBranch }
  | { readonly kind: 'license'; readonly branch: LicenseBranch }
  | { readonly kind: 'rooms'; readonly branch: LicenseBranch }
  /** This month so far and its forecast, once fetched (state/monthToDate.ts). */
  | { readonly kind: 'month'; readonly branch: LicenseBranch }
  /** One object per room name for as long as the room is listed, its `room` updated in place: a change redraws just it. */
  | { readonly kind: 'room'; readonly branch: LicenseBranch; room: Room }
  | { readonly kind: 'participants'; readonly roomId: string; readonly participants: readonly Participant[] }
  | { readonly kind: 'participant'; readonly index: number; readonly id: string; readonly participant: Participant }
  | { readonly kind: 'field'; readonly id: string; readonly label: string; readonly value: string; readonly icon: string; readonly tooltip?: string }
  | { readonly kind: 'message'; readonly id: string; readonly label: string; readonly icon: vscode.ThemeIcon; readonly tooltip?: string; readonly command?: vscode.Command };

export const QUOTA_COLORS: Readonly<Record<QuotaLevel, string>> = { ok: 'charts.green', warning: 'charts.yellow', full: 'charts.red' };

const STATUS_ICONS: Readonly<Record<string, vscode.ThemeIcon>> = {
  ON_GOING: new vscode.ThemeIcon('broadcast', new vscode.ThemeColor('charts.green')),
  OPEN: new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('charts.blue')),
  WAIT: new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.yellow')),
};
const UNKNOWN_STATUS_ICON = new vscode.ThemeIcon('question');

type RoomNode = Extract<TreeNode, { kind: 'room' }>;

export class LicenseBranch {
  /** The nodes above the rooms, one object each, so that a change can name them to VS Code. */
  readonly accountNode: TreeNode = { kind: 'account', branch: this };
  private readonly errorNode: TreeNode = { kind: 'error', branch: this };
  private readonly loadingNode: TreeNode = { kind: 'loading', branch: this };
  private readonly licenseNode: TreeNode = { kind: 'license', branch: this };
  private readonly roomsNode: TreeNode = { kind: 'rooms', branch: this };
  private readonly monthNode: TreeNode = { kind: 'month', branch: this };
  /** The node of each listed room, by name. */
  private readonly roomNodes = new Map<string, RoomNode>();
  /**
   * Before every id: empty with one license (the ids of earlier versions, so expansion survives an
   * upgrade), the license's own with several (so that two licenses' rooms of one name stay apart).
   */
  prefix = '';

  constructor(
    readonly session: LicenseSession,
    private readonly warningPercentOf: (session: LicenseSession) => number,
    private readonly monthOf: (session: LicenseSession) => MonthState | undefined = () => undefined,
  ) {}

  /** This license's warning threshold, in % of its room limit. */
  warningPercent(): number {
    return this.warningPercentOf(this.session);
  }

  get snapshot(): LiveSnapshot {
    return this.session.snapshot;
  }

  /**
   * The nodes a live change touched (room nodes updated in place), 'all' when everything must be
   * drawn again, and none when a poll brought the same data.
   */
  changedNodes(change: LiveChange): TreeNode[] | 'all' {
    const update = treeUpdate(change);
    if (update.all) return 'all';
    const nodes: TreeNode[] = [];
    if (update.license) nodes.push(this.licenseNode);
    if (update.roomList) nodes.push(this.roomsNode);
    if (update.rooms.length > 0) {
      const changed = new Set(update.rooms);
      for (const room of change.snapshot.rooms ?? []) {
        const node = changed.has(room.roomName) ? this.roomNodes.get(room.roomName) : undefined;
        if (!node) continue;
        node.room = room;
        nodes.push(node);
      }
    }
    return nodes;
  }

  /** What a license shows at its top: with one license, the tree's top level. */
  topLevel(): TreeNode[] {
    const snapshot = this.snapshot;
    if (snapshot.phase === 'signedOut' || snapshot.phase === 'rejected') return [];
    const nodes: TreeNode[] = [];
    if (snapshot.error) nodes.push(this.errorNode);
    if (snapshot.license) nodes.push(this.licenseNode);
    if (snapshot.license && this.month()) nodes.push(this.monthNode);
    if (snapshot.rooms) nodes.push(this.roomsNode);
    else if (!snapshot.error) nodes.push(this.loadingNode);
    return nodes;
  }

  children(node: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    switch (node.kind) {
      case 'license':
        return this.licenseFields();
      case 'rooms':
        return this.roomList();
      case 'room':
        return this.roomDetail(node.room);
      default:
        return leafChildren(node);
    }
  }

  item(node: TreeNode): vscode.TreeItem {
    const snapshot = this.snapshot;
    switch (node.kind) {
      case 'error':
        return this.errorItem(snapshot);
      case 'loading':
        return item(`${this.prefix}loading`, l10n.t('Loading live rooms…'), vscode.TreeItemCollapsibleState.None, { iconPath: new vscode.ThemeIcon('loading~spin') });
      case 'license':
        return this.licenseItem(snapshot);
      case 'month':
        return this.monthItem(this.month() ?? {});
      case 'rooms':
        return item(`${this.prefix}rooms`, l10n.t('Live rooms'), vscode.TreeItemCollapsibleState.Expanded, {
          description: String(snapshot.rooms?.length ?? 0),
          iconPath: new vscode.ThemeIcon('broadcast'),
          contextValue: 'rooms',
          tooltip: l10n.t('Rooms in a meeting now'),
        });
      case 'room':
        return roomItem(this.roomId(node.room.roomName), node.room);
      default:
        return leafItem(node);
    }
  }

  private errorItem(snapshot: LiveSnapshot): vscode.TreeItem {
    const stale = snapshot.updatedAt !== undefined;
    const message = snapshot.error?.message ?? '';
    const tooltip = new vscode.MarkdownString(undefined, true);
    appendPlain(tooltip.appendMarkdown(`$(warning) **${l10n.t('The last refresh failed')}**\n\n`), message);
    if (stale) tooltip.appendMarkdown(`\n\n${l10n.t('Showing data from {0}.', time(snapshot.updatedAt))}`);
    tooltip.appendMarkdown(`\n\n${l10n.t('Click to retry.')}`);
    return item(`${this.prefix}error`, stale ? l10n.t('Refresh failed: showing older data') : l10n.t('Could not load live rooms'), vscode.TreeItemCollapsibleState.None, {
      description: message,
      iconPath: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
      tooltip,
      contextValue: 'error',
      command: { command: 'sconnector.refresh', title: l10n.t('Retry'), arguments: [this.accountNode] },
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
    return item(`${this.prefix}license`, license.domain || l10n.t('License'), vscode.TreeItemCollapsibleState.Collapsed, {
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

  /** The month figure, when the license has been built and it has one (or a failure to tell). */
  private month(): MonthState | undefined {
    const month = this.monthOf(this.session);
    return month && (month.forecast || month.error) ? month : undefined;
  }

  private monthItem(month: MonthState): vscode.TreeItem {
    const { forecast, error, fetchedAt } = month;
    const tooltip = new vscode.MarkdownString();
    if (forecast) {
      tooltip.appendMarkdown(`**${l10n.t('This month ({0})', forecast.month)}**\n\n`);
      tooltip.appendMarkdown(`${l10n.t('So far: {0}', hours(forecast.soFarSeconds))}\n\n`);
      tooltip.appendMarkdown(`${l10n.t('By month end at this pace: about {0}', hours(forecast.forecastSeconds))}\n\n`);
      tooltip.appendMarkdown(`${l10n.t('Last month ({0}): {1} in all, {2} by the same day', forecast.lastMonth.month, hours(forecast.lastMonth.totalSeconds), hours(forecast.lastMonth.toSameDaySeconds))}\n\n`);
      tooltip.appendMarkdown(`_${l10n.t('The forecast counts the rest of the month day by day at the average of the same weekday over the last four weeks.')}_`);
    }
    if (error) appendPlain(tooltip.appendMarkdown(`\n\n$(warning) ${l10n.t('The last update failed:')} `), error);
    if (fetchedAt !== undefined) tooltip.appendMarkdown(`\n\n${l10n.t('Updated {0}; at most every 15 minutes.', time(fetchedAt))}`);
    tooltip.supportThemeIcons = true;
    return item(`${this.prefix}month`, l10n.t('This month'), vscode.TreeItemCollapsibleState.None, {
      description: forecast
        ? l10n.t('{0} so far · about {1} by month end', hours(forecast.soFarSeconds), hours(forecast.forecastSeconds))
        : l10n.t('could not be loaded'),
      iconPath: new vscode.ThemeIcon(error ? 'warning' : 'graph-line'),
      tooltip,
      contextValue: 'month',
      command: { command: 'sconnector.openUsageReport', title: l10n.t('Open Usage Report'), arguments: [{ ...monthRange(forecast?.month), licenses: [this.session.id] }] },
    });
  }

  private licenseFields(): TreeNode[] {
    const { license, rooms } = this.snapshot;
    if (!license) return [];
    const inUse = rooms?.length ?? 0;
    const id = `${this.prefix}license`;
    const fields: TreeNode[] = [
      { kind: 'field', id: `${id}/domain`, label: l10n.t('Domain'), value: license.domain || l10n.t('(none)'), icon: 'globe' },
      { kind: 'field', id: `${id}/limit`, label: l10n.t('Room limit'), value: String(license.roomLimit), icon: 'dashboard' },
      { kind: 'field', id: `${id}/inUse`, label: l10n.t('In use'), value: l10n.t('{0} of {1} ({2} %)', inUse, license.roomLimit, quotaPercent(inUse, license.roomLimit)), icon: 'pulse' },
      { kind: 'field', id: `${id}/enabled`, label: l10n.t('Enabled'), value: license.enabled ? l10n.t('Yes') : l10n.t('No'), icon: license.enabled ? 'pass' : 'circle-slash' },
    ];
    if (license.createdAt) fields.push({ kind: 'field', id: `${id}/since`, label: l10n.t('Since'), value: dateTime(license.createdAt), icon: 'calendar', tooltip: license.createdAt });
    return fields;
  }

  private roomList(): TreeNode[] {
    const snapshot = this.snapshot;
    const rooms = snapshot.rooms ?? [];
    const listed = new Set<string>();
    const nodes: TreeNode[] = rooms.map((room) => {
      listed.add(room.roomName);
      let node = this.roomNodes.get(room.roomName);
      if (node) node.room = room;
      else this.roomNodes.set(room.roomName, (node = { kind: 'room', branch: this, room }));
      return node;
    });
    for (const name of [...this.roomNodes.keys()]) if (!listed.has(name)) this.roomNodes.delete(name);
    if (rooms.length === 0) nodes.push({ kind: 'message', id: `${this.prefix}rooms/none`, label: l10n.t('No live rooms'), icon: new vscode.ThemeIcon('circle-slash') });
    if (snapshot.duplicateRooms > 0) {
      nodes.push({
        kind: 'message',
        id: `${this.prefix}rooms/duplicates`,
        label: snapshot.duplicateRooms === 1 ? l10n.t('1 duplicate room entry merged') : l10n.t('{0} duplicate room entries merged', snapshot.duplicateRooms),
        icon: new vscode.ThemeIcon('info'),
        tooltip: l10n.t('The server listed the same room name more than once. A room is known by its name, so each is shown and counted once.'),
      });
    }
    if (snapshot.skippedRooms > 0) {
      nodes.push({
        kind: 'message',
        id: `${this.prefix}rooms/skipped`,
        label: l10n.t('{0} room(s) could not be read', snapshot.skippedRooms),
        icon: new vscode.ThemeIcon('warning'),
        tooltip: l10n.t('The server listed rooms without a usable name; they are left out. See the S-Connector log.'),
      });
    }
    return nodes;
  }

  private async roomDetail(room: Room): Promise<TreeNode[]> {
    const id = this.roomId(room.roomName);
    const detail = await this.session.state.roomDetail(room.roomName);
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
        ? { kind: 'participants', roomId: id, participants: live.participants }
        : { kind: 'message', id: `${id}/nobody`, label: l10n.t('No participants'), icon: new vscode.ThemeIcon('organization') });
    }
    return nodes;
  }

  /**
   * Stable ids, so that expansion and selection survive refreshes. Names are JSON-quoted: they may
   * contain "/", and unlike encodeURIComponent, JSON.stringify never throws (on a lone surrogate).
   */
  private roomId(roomName: string): string {
    return `${this.prefix}room/${JSON.stringify(roomName)}`;
  }
}

/** Hours as the tree shows them: `312 h`, `4.5 h` under ten. */
export function hours(seconds: number): string {
  const value = seconds / 3600;
  return l10n.t('{0} h', value < 10 ? (Math.round(value * 10) / 10).toLocaleString() : Math.round(value).toLocaleString());
}

/** The report's days for a month figure: its first day to today (the month's days are the runtime's own zone's). */
function monthRange(month: string | undefined): { start: string; end: string } {
  const today = localDay(new Date());
  return { start: `${month ?? today.slice(0, 7)}-01`, end: today };
}

export function item(id: string, label: string, state: vscode.TreeItemCollapsibleState, extra: Partial<vscode.TreeItem>): vscode.TreeItem {
  return Object.assign(new vscode.TreeItem(label, state), { id }, extra);
}

/** The children of the nodes that need no license to draw. */
export function leafChildren(node: TreeNode): TreeNode[] {
  return node.kind === 'participants' ? participantNodes(node.roomId, node.participants) : [];
}

/** The nodes that need no license to draw. */
export function leafItem(node: TreeNode): vscode.TreeItem {
  switch (node.kind) {
    case 'participants':
      return item(`${node.roomId}/participants`, l10n.t('Participants'), vscode.TreeItemCollapsibleState.Expanded, {
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
      return item(node.id, node.label, vscode.TreeItemCollapsibleState.None, { iconPath: node.icon, tooltip: node.tooltip ?? node.label, ...(node.command && { command: node.command }) });
    default:
      return new vscode.TreeItem('');
  }
}

function roomItem(id: string, room: Room): vscode.TreeItem {
  const since = room.createdAt ? ` · ${l10n.t('since {0}', dateTime(room.createdAt))}` : '';
  const tooltip = new vscode.MarkdownString();
  appendPlain(tooltip.appendMarkdown(`**${l10n.t('Room')}** `), room.roomName);
  appendPlain(tooltip.appendMarkdown('\n\n'), `${statusLabel(room.status)} (${room.status}) · ${users(room.userCount)}${since}`);
  return item(id, displayName(room.roomName), vscode.TreeItemCollapsibleState.Collapsed, {
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
function participantNodes(roomId: string, participants: readonly Participant[]): TreeNode[] {
  const used = new Set<string>();
  return participants.map((participant, index) => {
    const base = participant.connectionId ?? `#${index}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}#${n}`;
    used.add(key);
    return { kind: 'participant', index, id: `${roomId}/participant/${JSON.stringify(key)}`, participant };
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
