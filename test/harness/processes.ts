/** Small process and network helpers the launchers share. */
import { type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/** An unused TCP port on 127.0.0.1, or `preferred` when it is free. */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && error.code === 'EADDRINUSE') freePort(0).then(resolve, reject);
      else reject(error);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Process groups started by this process and not stopped yet. */
const running = new Set<number>();
let exitHookInstalled = false;

/**
 * Remembers a process group started with `detached: true`, so that it is killed even if this
 * process ends without stopping it (a crash, process.exit): detached groups outlive their parent.
 */
export function killOnExit(child: ChildProcess): void {
  if (child.pid === undefined) return;
  running.add(child.pid);
  child.once('exit', () => running.delete(child.pid!));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of running) signalGroup(pid, 'SIGKILL');
  });
}

/** Stops a process started with `detached: true` and all of its children (its process group). */
export async function stopGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'late') {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
  // Children that outlived their parent (agent hosts, watchers) are in the same group.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Polls `url` until it answers with any HTTP status, or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, stillAlive: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const died = stillAlive();
    if (died) throw new Error(died);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Rejects with `message` if `promise` has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
