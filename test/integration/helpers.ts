/** What the integration suites share: the extension's API, the emulator, and waiting for state. */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { LiveSnapshot } from '../../src/state/liveState';
import type { TreeNode } from '../../src/views/sessionsTree';
import { EmulatorControl } from '../emulator/control';
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from '../emulator/server';

export const EXTENSION_ID = 's-connector.s-connector-vscode';
export const demoCredentials = { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY };

export function emulatorUrl(): string {
  const url = process.env.SCONNECTOR_TEST_EMULATOR_URL;
  if (!url) throw new Error('SCONNECTOR_TEST_EMULATOR_URL is not set: run the suite through npm run test:integration');
  return url;
}

/** The launcher's run folder: user-data/ (settings, logs) and workspace/ are in it. */
export function testRunDir(): string {
  const dir = process.env.SCONNECTOR_TEST_RUN_DIR;
  if (!dir) throw new Error('SCONNECTOR_TEST_RUN_DIR is not set: run the suite through npm run test:integration or test:desktop');
  return dir;
}

export function emulator(): EmulatorControl {
  return new EmulatorControl(emulatorUrl());
}

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Waits until the model's snapshot satisfies `predicate` (it changes asynchronously). */
export async function waitForState(api: ExtensionApi, predicate: (snapshot: LiveSnapshot) => boolean, what: string, timeoutMs = 10_000): Promise<LiveSnapshot> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(api.state.snapshot)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; phase ${api.state.snapshot.phase}, error: ${api.state.snapshot.error?.message ?? 'none'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return api.state.snapshot;
}

/** The tree as VS Code would render it: children and their TreeItems. */
export async function treeItems(api: ExtensionApi, parent?: TreeNode): Promise<{ node: TreeNode; item: vscode.TreeItem }[]> {
  const children = await api.tree.getChildren(parent);
  return children.map((node) => ({ node, item: api.tree.getTreeItem(node) }));
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

export async function signInToEmulator(api: ExtensionApi): Promise<LiveSnapshot> {
  await api.account.signIn(demoCredentials);
  return waitForState(api, (s) => s.phase === 'ready' && !s.refreshing, 'the first data after sign-in');
}
