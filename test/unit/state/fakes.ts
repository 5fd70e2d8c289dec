/** Fakes for the models' unit tests: a secret storage and an API client whose answers a test sets. */
import type { ApiError } from '../../../src/api/errors';
import type { License, Room, RoomList } from '../../../src/api/schema';
import { Emitter, type SecretStore } from '../../../src/state/events';
import type { StateStore } from '../../../src/state/licenseList';
import type { LiveSource } from '../../../src/state/liveState';

export const LICENSE: License = { domain: 'trial', roomLimit: 10, enabled: true };

/** VS Code's secret storage in memory, which can be told to fail. */
export class FakeSecrets implements SecretStore {
  readonly entries = new Map<string, string>();
  failing: 'read' | 'write' | 'delete' | undefined;
  private readonly emitter = new Emitter<{ key: string }>();
  readonly onDidChange = this.emitter.event;

  get(key: string): Promise<string | undefined> {
    return this.failing === 'read' ? Promise.reject(new Error('keyring locked')) : Promise.resolve(this.entries.get(key));
  }

  store(key: string, value: string): Promise<void> {
    if (this.failing === 'write') return Promise.reject(new Error('keyring locked'));
    this.entries.set(key, value);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    if (this.failing === 'delete') return Promise.reject(new Error('keyring locked'));
    this.entries.delete(key);
    return Promise.resolve();
  }

  /** Another window wrote the entry. */
  changedElsewhere(key: string, value: string): void {
    this.entries.set(key, value);
    this.emitter.fire({ key });
  }
}

/** A client whose answers the test sets; each call can be held until the test lets it go. */
export class FakeClient implements LiveSource {
  license$: License = LICENSE;
  rooms$: Room[] = [
    { roomName: 'b', status: 'ON_GOING', userCount: 2 },
    { roomName: 'a', status: 'WAIT', userCount: 1 },
  ];
  failure: ApiError | undefined;
  readonly calls: string[] = [];
  private gate: Promise<void> | undefined;
  private release: (() => void) | undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  letGo(): void {
    this.release?.();
    this.gate = undefined;
  }

  /** The answer is what the server had when asked, even if it arrives later. */
  async license(): Promise<License> {
    this.calls.push('license');
    const [license, failure] = [this.license$, this.failure];
    await this.gate;
    if (failure) throw failure;
    return license;
  }

  async rooms(): Promise<RoomList> {
    this.calls.push('rooms');
    const [rooms, failure] = [this.rooms$.map((room) => ({ ...room })), this.failure];
    await this.gate;
    if (failure) throw failure;
    return { rooms, skipped: 0, duplicates: 0 };
  }

  room(roomName: string): Promise<Room | undefined> {
    this.calls.push(`room ${roomName}`);
    return Promise.resolve(this.rooms$.find((room) => room.roomName === roomName));
  }
}

/** VS Code's global state (a Memento) in memory. */
export class FakeState implements StateStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}
