/**
 * Events for the models, shaped like VS Code's (`vscode.Event`), so views subscribe to them as to
 * any VS Code event, while the models themselves import nothing of vscode and are unit-tested in
 * plain Node with fakes.
 */

export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; what it returns ends the subscription. Assignable to `vscode.Event<T>`. */
export type Event<T> = (listener: (event: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(event: T) => unknown>();
  private disposed = false;

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = (event: T) => listener.call(thisArgs, event);
    if (!this.disposed) this.listeners.add(bound);
    const subscription = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  /** Tells every listener; one that throws is reported and does not keep the others from hearing. */
  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('S-Connector: a listener failed', error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}

/** The part of VS Code's SecretStorage the credential store uses (vscode.SecretStorage fits it). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: (listener: (event: { readonly key: string }) => unknown) => Disposable;
}
