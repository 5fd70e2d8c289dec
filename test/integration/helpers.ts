/** What the integration suites share: the extension's API, the emulator, and waiting for state. */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { LiveSnapshot } from '../../src/state/liveState';
import type { LicenseBranch } from '../../src/views/licenseBranch';
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
  const extension = vscode.extensions.getExtension<ExtensionApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  if (!api) throw new Error(`${EXTENSION_ID} exported nothing: it hands its API only to tests run in ExtensionMode.Test`);
  return api;
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

/** The current license's part of the tree (with one license, the whole tree). */
export function currentBranch(api: ExtensionApi): LicenseBranch {
  const branch = api.tree.branchOf(api.licenses.current);
  if (!branch) throw new Error('the current license has no branch in the tree');
  return branch;
}

/** The "Live rooms" node of the current license, as the tree shows it. */
export function roomsNode(api: ExtensionApi): TreeNode {
  return { kind: 'rooms', branch: currentBranch(api) };
}

/** The tree as VS Code would render it: children and their TreeItems. */
export async function treeItems(api: ExtensionApi, parent?: TreeNode): Promise<{ node: TreeNode; item: vscode.TreeItem }[]> {
  const children = await api.tree.getChildren(parent);
  return children.map((node) => ({ node, item: api.tree.getTreeItem(node) }));
}

/**
 * Waits for the current license's month figure, which is fetched (by a bundle loaded on demand)
 * after the first refresh while the tree is shown; the tree then has its "This month" node.
 */
export async function waitForMonth(api: ExtensionApi, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (api.month.stateOf(api.licenses.current.id)?.fetchedAt === undefined) {
    if (Date.now() > deadline) throw new Error('the month figure never came');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** The extension's effective API URL: the emulator's, from the user settings the launcher wrote. */
export function apiUrlSetting(): string {
  return vscode.workspace.getConfiguration('sconnector').get<string>('apiUrl', '');
}

/** Sets the API URL where it takes effect (user settings: it is application-scoped), or resets it to the emulator. */
export async function setApiUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('sconnector').update('apiUrl', url ?? emulatorUrl(), vscode.ConfigurationTarget.Global);
}

export async function signInToEmulator(api: ExtensionApi): Promise<LiveSnapshot> {
  await api.account.signIn({ ...demoCredentials, apiUrl: emulatorUrl() });
  return waitForState(api, (s) => s.phase === 'ready' && !s.refreshing, 'the first data after sign-in');
}

/** Signs in unless already signed in with data shown: for tests that must not depend on an earlier one. */
export async function ensureSignedIn(api: ExtensionApi): Promise<LiveSnapshot> {
  const snapshot = api.state.snapshot;
  if (snapshot.phase === 'ready' && !snapshot.error && (await api.credentials.status()).kind === 'ready') return snapshot;
  return signInToEmulator(api);
}

/** A tree item's or status bar item's tooltip as the text a user reads (Markdown as written). */
export function tooltipText(tooltip: string | vscode.MarkdownString | undefined): string {
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}
