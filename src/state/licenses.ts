/**
 * Every license at work, side by side: one session each (keys, token, client, live state), built
 * together so that nothing of one license (a token, a backoff, a room's detail) reaches another.
 * It follows the license list, keeps one license current for the status bar and the commands, and
 * passes on each license's live changes. No vscode here: it is unit-tested with fakes.
 *
 * With no license stored there is still one session, provisional: its API URL follows the
 * `sconnector.apiUrl` setting and it has no keys until a sign-in, which turns it into the first
 * license. On the first start after an upgrade it reads the single sign-in of earlier versions and
 * keeps it as the first license, without asking again.
 */
import * as l10n from '@vscode/l10n';
import { originOf, tryParseApiUrl } from '../api/apiUrl';
import { ApiError } from '../api/errors';
import { type BoundCredentials } from '../api/tokens';
import { Account, type TokenGate } from './account';
import { type CredentialStore } from './credentials';
import { type Disposable, Emitter, type Event } from './events';
import { type LiveChange } from './liveChange';
import { type LiveSnapshot, type LiveState } from './liveState';
import { FIRST_LICENSE_ID, type LicenseList, type LicenseRecord, secretIdOf } from './licenseList';
import { type RefreshDemand } from './refreshPolicy';

/**
 * What one license is made of; extension.ts builds them (they need the HTTP layer and settings),
 * with whatever more it needs of each (the API client, for the report).
 */
export interface LicenseParts {
  readonly credentials: CredentialStore;
  readonly tokens: TokenGate;
  readonly state: LiveState;
}

export interface PartsSpec {
  readonly id: string;
  readonly secretId: string;
  /** The license's API URL as it is now (the setting's, while provisional). */
  readonly apiUrl: () => string;
  /** Whether this one reads the single sign-in of earlier versions (see CredentialStore). */
  readonly carriesOldSignIn: boolean;
}

/** What a license shows before its parts are built: it is being loaded. */
const NOT_YET: LiveSnapshot = { phase: 'loading', skippedRooms: 0, duplicateRooms: 0, refreshing: false };

export class LicenseSession<P extends LicenseParts = LicenseParts> implements Disposable {
  /** Undefined while provisional: no keys stored for it yet. */
  record: LicenseRecord | undefined;
  /** Set while a sign-in stores this session's keys: not a sign-in found in storage. */
  signingIn = false;
  private built: P | undefined;
  private signer: Account | undefined;

  constructor(
    readonly id: string,
    private readonly build: () => P,
    private readonly fallbackApiUrl: () => string,
  ) {}

  /**
   * Built on first use: with twenty licenses stored, activate() builds the one the status bar shows,
   * and the others are built (their keys read, their polling started) right after it has returned.
   */
  get parts(): P {
    return (this.built ??= this.build());
  }

  get isBuilt(): boolean {
    return this.built !== undefined;
  }

  /** Builds the parts now, if they are not yet. */
  ensureBuilt(): void {
    this.built ??= this.build();
  }

  get account(): Account {
    return (this.signer ??= new Account(this.parts.tokens, this.parts.credentials));
  }

  get state(): LiveState {
    return this.parts.state;
  }

  /** What the license shows now, without building it: "loading" until it is built. */
  get snapshot(): LiveSnapshot {
    return this.built ? this.built.state.snapshot : NOT_YET;
  }

  get credentials(): CredentialStore {
    return this.parts.credentials;
  }

  get apiUrl(): string {
    return this.record?.apiUrl ?? this.fallbackApiUrl();
  }

  /** Its name: the user's label, else the license's domain once known, else the API URL's host. */
  get label(): string {
    return this.record?.label ?? suggestedLabel(this.snapshot.license?.domain, this.apiUrl);
  }

  dispose(): void {
    this.built?.state.dispose();
    this.built?.credentials.dispose();
  }
}

/** A name for a license the user has not named: its domain, or its API URL's host. */
export function suggestedLabel(domain: string | undefined, apiUrl: string): string {
  return domain?.trim() || tryParseApiUrl(apiUrl)?.host || apiUrl;
}

export interface LicensesOptions<P extends LicenseParts> {
  readonly build: (spec: PartsSpec) => P;
  /** The `sconnector.apiUrl` setting: where a new license points unless the user says otherwise. */
  readonly fallbackApiUrl: () => string;
  readonly newId: () => string;
  readonly onCarriedOver?: (origin: string) => void;
}

export interface LiveEvent<P extends LicenseParts = LicenseParts> {
  readonly session: LicenseSession<P>;
  readonly change: LiveChange;
}

/** What the views read of the licenses (Licenses fits, whatever its parts). */
export interface LicenseView {
  readonly all: readonly LicenseSession[];
  readonly current: LicenseSession;
  readonly onDidChange: Event<void>;
  readonly onDidChangeLive: Event<LiveEvent>;
}

export class Licenses<P extends LicenseParts = LicenseParts> implements Disposable, LicenseView {
  private readonly structure = new Emitter<void>();
  /** Licenses added, renamed, removed or signed in for the first time, or another one made current. */
  readonly onDidChange = this.structure.event;
  private readonly live = new Emitter<LiveEvent<P>>();
  /** Each license's live changes, with the license they belong to. */
  readonly onDidChangeLive = this.live.event;
  private readonly sessions = new Map<string, LicenseSession<P>>();
  private readonly subscriptions = new Map<string, Disposable[]>();
  private provisional: LicenseSession<P> | undefined;
  /** A session whose keys are checked and stored, waiting for its record to appear in the list. */
  private adopting: LicenseSession<P> | undefined;
  private demand: Partial<Omit<RefreshDemand, 'signedIn'>> = {};
  private started = false;
  private readonly listSubscription: Disposable;

  constructor(
    readonly list: LicenseList,
    private readonly options: LicensesOptions<P>,
  ) {
    this.reconcile();
    this.listSubscription = list.onDidChange(() => {
      this.reconcile();
      this.structure.fire();
    });
  }

  /** Every license in the list's order; the provisional one alone while none is stored. */
  get all(): readonly LicenseSession<P>[] {
    return this.provisional ? [this.provisional] : [...this.sessions.values()];
  }

  get current(): LicenseSession<P> {
    const id = this.list.current?.id;
    return (id !== undefined ? this.sessions.get(id) : undefined) ?? this.provisional ?? this.all[0]!;
  }

  find(id: string): LicenseSession<P> | undefined {
    return this.all.find((session) => session.id === id);
  }

  /**
   * Starts polling every license, after activate() has returned: the licenses not built yet are
   * built then (which reads their keys), and each asks the server after that.
   */
  start(): void {
    setTimeout(() => {
      this.started = true;
      for (const session of this.all) {
        if (session.isBuilt) session.state.start();
        else session.ensureBuilt(); // a license built from now on starts itself
      }
    }, 0);
  }

  /** Who needs data now: the same for every license (the summary and the status bar count them all). */
  setDemand(demand: Partial<Omit<RefreshDemand, 'signedIn'>>): void {
    this.demand = { ...this.demand, ...demand };
    for (const session of this.all) if (session.isBuilt) session.state.setDemand(demand);
  }

  /** Refreshes every license at once (the Refresh command); each keeps its own backoff otherwise. */
  refreshAll(manual = false): Promise<void> {
    return Promise.all(this.all.map((session) => session.state.refresh(manual))).then(() => undefined);
  }

  /**
   * The `sconnector.apiUrl` setting changed. Only the provisional license follows it (it has no keys
   * yet); a license of the list keeps the API URL it was added with, and its key that origin.
   */
  fallbackApiUrlChanged(): void {
    if (!this.provisional) return;
    this.provisional.parts.tokens.reset();
    this.provisional.credentials.apiUrlChanged();
  }

  /**
   * Signs a license in: checks the keys at v1/auth of their API URL, stores them for this license
   * alone, and (for a license not yet in the list) adds it under `label`. Refused keys change nothing.
   */
  async signIn(session: LicenseSession<P>, credentials: BoundCredentials, label?: string): Promise<void> {
    const origin = session.record && originOf(session.record.apiUrl);
    if (origin && originOf(credentials.apiUrl) !== origin) {
      // A license's key is for its own origin: keys for another address are another license.
      throw new ApiError('invalidInput', l10n.t('This license is at {0}; keys for another address belong to a license of their own (Add License).', origin));
    }
    session.signingIn = true;
    try {
      await session.account.signIn(credentials);
    } finally {
      session.signingIn = false;
    }
    if (session.record) {
      await this.list.setAccessKey(session.id, credentials.accessKey);
      return;
    }
    await this.adopt(session, {
      label: label ?? this.list.freeLabel(suggestedLabel(session.snapshot.license?.domain, credentials.apiUrl)),
      apiUrl: credentials.apiUrl,
      accessKey: credentials.accessKey,
    });
  }

  /**
   * A license that is not in the list yet, for the Add License command: `signIn` adds it. Until
   * then it is not shown; `discard` it if the user gives up.
   */
  draft(apiUrl: string): LicenseSession<P> {
    const id = this.options.newId();
    return this.create(id, secretIdOf(id), () => apiUrl, false);
  }

  discard(session: LicenseSession<P>): void {
    if (this.sessions.get(session.id) === session || this.provisional === session) return;
    this.drop(session);
  }

  /** Forgets a license's secret key, then the license; if secret storage cannot, nothing changes (it throws). */
  async remove(session: LicenseSession<P>): Promise<void> {
    await session.account.signOut();
    if (session.record) await this.list.remove(session.id);
  }

  private async adopt(session: LicenseSession<P>, record: Omit<LicenseRecord, 'id'>): Promise<void> {
    this.adopting = session;
    try {
      await this.list.add({ ...record, id: session.id });
    } finally {
      this.adopting = undefined;
    }
  }

  /** Brings the sessions in line with the list: new licenses get one, removed ones lose theirs. */
  private reconcile(): void {
    const records = this.list.all;
    const wanted = new Set(records.map((record) => record.id));
    for (const [id, session] of this.sessions) {
      if (wanted.has(id)) continue;
      this.sessions.delete(id);
      this.drop(session);
    }
    const sessions = new Map<string, LicenseSession<P>>();
    for (const record of records) {
      let session = this.sessions.get(record.id);
      if (!session) {
        const candidate = [this.adopting, this.provisional].find((known) => known?.id === record.id);
        session = candidate ?? this.create(record.id, secretIdOf(record.id), () => '', false);
        if (session === this.provisional) this.provisional = undefined;
      }
      // A list synced from elsewhere may name another API URL for a license: its stored key stays
      // bound to its own origin (CredentialStore hands it out for that origin only): signed out there.
      session.record = record;
      sessions.set(record.id, session);
    }
    this.sessions.clear();
    for (const [id, session] of sessions) this.sessions.set(id, session);
    if (this.provisional && records.length > 0) {
      this.drop(this.provisional);
      this.provisional = undefined;
    }
    if (records.length === 0 && !this.provisional) {
      // Before any list was stored, the provisional license is the single sign-in of earlier versions.
      const first = !this.list.everStored;
      const id = first ? FIRST_LICENSE_ID : this.options.newId();
      this.provisional = this.create(id, secretIdOf(id), this.options.fallbackApiUrl, first);
      if (first) this.carryOver(this.provisional);
    }
  }

  private create(id: string, secretId: string, apiUrl: () => string, carriesOldSignIn: boolean): LicenseSession<P> {
    // Built on first use (see LicenseSession.parts); the parts ask the session's API URL, which is
    // its record's once it has one.
    const session: LicenseSession<P> = new LicenseSession(id, () => {
      const parts = this.options.build({ id, secretId, apiUrl: () => session.apiUrl, carriesOldSignIn });
      parts.state.setDemand(this.demand);
      this.subscriptions.set(id, [...(this.subscriptions.get(id) ?? []), parts.state.onDidChange((change) => this.live.fire({ session, change }))]);
      if (this.started) parts.state.start();
      return parts;
    }, apiUrl);
    return session;
  }

  /**
   * Keys found in storage for the provisional first license (an upgrade) make it a license of the
   * list, at the origin they were entered for: asked nothing, and sent nowhere else.
   */
  private carryOver(session: LicenseSession<P>): void {
    const subscription = session.credentials.onDidChange(() => {
      if (session.signingIn || this.provisional !== session) return;
      void session.credentials.status().then(async (status) => {
        if (this.provisional !== session || (status.kind !== 'ready' && status.kind !== 'otherOrigin')) return;
        const apiUrl = status.kind === 'ready' ? session.apiUrl : status.storedOrigin;
        this.options.onCarriedOver?.(originOf(apiUrl) ?? apiUrl);
        await this.adopt(session, { label: this.list.freeLabel(suggestedLabel(undefined, apiUrl)), apiUrl, accessKey: status.accessKey });
        if (status.kind === 'otherOrigin') session.credentials.apiUrlChanged();
      }, () => undefined);
    });
    this.subscriptions.set(session.id, [...(this.subscriptions.get(session.id) ?? []), subscription]);
  }

  private drop(session: LicenseSession<P>): void {
    for (const subscription of this.subscriptions.get(session.id) ?? []) subscription.dispose();
    this.subscriptions.delete(session.id);
    session.dispose();
  }

  dispose(): void {
    this.listSubscription.dispose();
    for (const session of this.all) this.drop(session);
    this.structure.dispose();
    this.live.dispose();
  }
}
