/**
 * The one model of what is live now: license and rooms, fetched together once per cycle however
 * many views listen, with the last good data kept (and its age) when a refresh fails. It decides
 * when to poll (see refreshPolicy.ts), keeps each room's detail while the room stays the same, and
 * tells its listeners once per refresh what changed (see liveChange.ts). No vscode here: it is
 * unit-tested with a fake client and fake keys.
 */
import * as l10n from '@vscode/l10n';
import { ApiError } from '../api/errors';
import { type License, type Room, type RoomList } from '../api/schema';
import { type BoundCredentials } from '../api/tokens';
import { type Disposable, Emitter, type Event } from './events';
import { compareSnapshots, type LiveChange, sameRoom } from './liveChange';
import { isDue, nextRefreshDelay, type RefreshDemand } from './refreshPolicy';
import { sortRooms } from './roomOrder';

export type Phase =
  /** No keys stored. */
  | 'signedOut'
  /** Keys stored, first data not in yet. */
  | 'loading'
  /** Data shown (possibly stale: see `error`). */
  | 'ready'
  /** The server turned the stored keys down, or secret storage cannot be read: the user must act. */
  | 'rejected';

export interface LiveSnapshot {
  readonly phase: Phase;
  readonly license?: License;
  /** In display order. */
  readonly rooms?: readonly Room[];
  readonly skippedRooms: number;
  /** Entries the server listed twice under one name, merged (see parseRoomList). */
  readonly duplicateRooms: number;
  /** When license and rooms last both arrived. */
  readonly updatedAt?: number;
  /** Why the last refresh failed; absent after a success. With data present, the data is stale. */
  readonly error?: ApiError;
  readonly refreshing: boolean;
}

export type RoomDetail =
  | { readonly kind: 'live'; readonly room: Room }
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed'; readonly error: ApiError };

/** What the live state needs of the API client (SConnectorClient fits). */
export interface LiveSource {
  license(): Promise<License>;
  rooms(): Promise<RoomList>;
  room(roomName: string): Promise<Room | undefined>;
}

/** What it needs of the stored keys (CredentialStore fits). */
export interface KeySource {
  get(): Promise<BoundCredentials | undefined>;
  readonly onDidChange: Event<void>;
}

export interface LiveStateOptions {
  readonly intervalMs: () => number;
  readonly onError?: (error: ApiError) => void;
  readonly now?: () => number;
}

const INITIAL: LiveSnapshot = { phase: 'signedOut', skippedRooms: 0, duplicateRooms: 0, refreshing: false };

export class LiveState implements Disposable {
  private readonly changed = new Emitter<LiveChange>();
  /** Once per refresh that ends (and when the keys change): the new snapshot, and what differs. */
  readonly onDidChange = this.changed.event;
  private current: LiveSnapshot = INITIAL;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private lastAttemptAt: number | undefined;
  private demand: Omit<RefreshDemand, 'signedIn'> = { focused: true, viewVisible: false, statusBarShown: false };
  /**
   * Room details, kept while the room's summary stays the same: expanding a room twice asks once,
   * and an expanded room is asked again only when it changed (or on a manual refresh).
   */
  private details = new Map<string, Promise<RoomDetail>>();
  private readonly subscriptions: Disposable[];
  private disposed = false;
  /** Bumped when the keys change, so that an answer for the old keys is dropped. */
  private keysGeneration = 0;
  private shownGeneration = -1;
  private readonly now: () => number;
  /** Set by a manual refresh: its answer redraws everything, so that expanded rooms are asked again. */
  private redrawAll = false;
  /** Set while a refresh waits for the keys: a change of keys then needs no refresh of its own. */
  private readingKeys = false;
  /** Whether any refresh was asked for yet. */
  private refreshed = false;

  constructor(
    private readonly client: LiveSource,
    private readonly credentials: KeySource,
    private readonly options: LiveStateOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.subscriptions = [this.changed, credentials.onDidChange(() => this.keysChanged())];
  }

  get snapshot(): LiveSnapshot {
    return this.current;
  }

  /**
   * Starts polling. Returns at once: the first request goes out after activation has finished,
   * unless the keys, read by then, have started a refresh already.
   */
  start(): void {
    setTimeout(() => {
      if (!this.refreshed) void this.refresh();
    }, 0);
  }

  /**
   * Fetches license and rooms now; a refresh already under way is joined, not repeated. `manual`
   * (the Refresh command) also forgets every room's detail, so expanded rooms are asked again.
   */
  refresh(manual = false): Promise<void> {
    this.refreshed = true;
    if (manual) {
      this.details = new Map();
      this.redrawAll = true;
    }
    if (!this.inFlight) {
      this.inFlight = this.fetchBoth().finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
    }
    return this.inFlight;
  }

  /** Tells the model who needs data now; it polls accordingly, and catches up when needed again. */
  setDemand(demand: Partial<Omit<RefreshDemand, 'signedIn'>>): void {
    const before = this.demand;
    this.demand = { ...before, ...demand };
    const gained = (this.demand.focused && !before.focused) || (this.demand.viewVisible && !before.viewVisible);
    if (gained && this.isSignedIn() && isDue(this.lastAttemptAt, this.now(), this.options.intervalMs())) {
      void this.refresh();
    } else {
      this.schedule();
    }
  }

  /** The detail of one live room, asked of the server once per refresh cycle. */
  roomDetail(roomName: string): Promise<RoomDetail> {
    let detail = this.details.get(roomName);
    if (!detail) {
      detail = this.client.room(roomName).then(
        (room): RoomDetail => (room ? { kind: 'live', room } : { kind: 'closed' }),
        (error: unknown): RoomDetail => ({ kind: 'failed', error: asApiError(error) }),
      );
      this.details.set(roomName, detail);
    }
    return detail;
  }

  private isSignedIn(): boolean {
    return this.current.phase === 'loading' || this.current.phase === 'ready';
  }

  private async fetchBoth(): Promise<void> {
    let credentials;
    this.readingKeys = true;
    try {
      credentials = await this.credentials.get();
    } catch (error) {
      // Secret storage could not be read: the user must act (unlock the keyring), so say so.
      this.set({ ...INITIAL, phase: 'rejected', error: asApiError(error) });
      return;
    } finally {
      this.readingKeys = false;
    }
    if (!credentials) {
      this.set(INITIAL);
      return;
    }
    const generation = this.keysGeneration;
    if (this.shownGeneration !== generation || this.current.phase === 'signedOut' || this.current.phase === 'rejected') {
      this.shownGeneration = generation;
      this.set({ ...INITIAL, phase: 'loading', refreshing: true });
    } else {
      // Nothing to draw for "refreshing": the views hear once, when the answer is in.
      this.current = { ...this.current, refreshing: true };
    }
    this.lastAttemptAt = this.now();
    const [license, rooms] = await Promise.allSettled([this.client.license(), this.client.rooms()]);
    if (this.disposed || generation !== this.keysGeneration) return;
    if (license.status === 'fulfilled' && rooms.status === 'fulfilled') {
      this.failures = 0;
      this.keepDetailsOfUnchanged(rooms.value.rooms);
      this.set({
        phase: 'ready',
        license: license.value,
        rooms: sortRooms(rooms.value.rooms),
        skippedRooms: rooms.value.skipped,
        duplicateRooms: rooms.value.duplicates,
        updatedAt: this.now(),
        refreshing: false,
      });
      return;
    }
    const error = asApiError(license.status === 'rejected' ? license.reason : (rooms as PromiseRejectedResult).reason);
    this.failures++;
    this.options.onError?.(error);
    if (error.kind === 'signedOut') {
      this.set(INITIAL);
    } else if (error.kind === 'wrongKeys' || error.kind === 'tokenRejected') {
      this.set({ ...INITIAL, phase: 'rejected', error });
    } else {
      // Keep the last good data, now stale; take whichever half did arrive.
      this.set({
        ...this.current,
        phase: this.current.updatedAt !== undefined ? 'ready' : 'loading',
        ...(license.status === 'fulfilled' && { license: license.value }),
        error,
        refreshing: false,
      });
    }
  }

  /** Forgets the detail of each room that changed or is gone; the others keep theirs. */
  private keepDetailsOfUnchanged(rooms: readonly Room[]): void {
    if (this.details.size === 0) return;
    const before = new Map((this.current.rooms ?? []).map((room) => [room.roomName, room]));
    const now = new Map(rooms.map((room) => [room.roomName, room]));
    for (const roomName of [...this.details.keys()]) {
      const room = now.get(roomName);
      if (!room || !sameRoom(before.get(roomName), room)) this.details.delete(roomName);
    }
  }

  private keysChanged(): void {
    // Other keys may mean another license: nothing of the old data is shown for them.
    this.keysGeneration++;
    this.details = new Map();
    this.failures = 0;
    // A refresh still waiting for the keys reads the new ones (the keys as first read at start-up,
    // typically): asking again after it would ask the server twice for nothing.
    if (this.readingKeys) return;
    const again = () => void this.refresh();
    if (this.inFlight) this.inFlight.then(again, again);
    else again();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || this.inFlight) return;
    const delay = nextRefreshDelay({
      intervalMs: this.options.intervalMs(),
      demand: { ...this.demand, signedIn: this.isSignedIn() },
      failures: this.failures,
      ...(this.current.error?.detail.retryAfterMs !== undefined && { retryAfterMs: this.current.error.detail.retryAfterMs }),
    });
    if (delay !== undefined) this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private set(snapshot: LiveSnapshot): void {
    if (this.disposed) return;
    const compared = compareSnapshots(this.current, snapshot);
    const change = this.redrawAll && !snapshot.refreshing ? { ...compared, whole: true } : compared;
    if (!snapshot.refreshing) this.redrawAll = false;
    this.current = snapshot;
    this.changed.fire(change);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError('unexpectedResponse', l10n.t('Something went wrong inside the S-Connector extension: {0}', error instanceof Error ? error.message : String(error)));
}
