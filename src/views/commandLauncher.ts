/**
 * Registers the license and account commands at activation; what they do is a bundle of its own,
 * dist/commands.js (views/commandsFeature.ts), loaded the first time one of them runs. Their
 * prompts are never needed before a click, so they are kept off the activation path.
 */
import * as vscode from 'vscode';
import { type LicenseParts } from '../state/licenses';
import type { CommandDeps, CommandName, createCommands } from './commandsFeature';

/** The same names as commandsFeature's COMMAND_NAMES; repeated, so that this bundle does not load that one. */
const NAMES: readonly CommandName[] = ['signIn', 'signOut', 'addLicense', 'switchLicense', 'renameLicense', 'removeLicense', 'createAccessToken'];

export function registerCommands<P extends LicenseParts>(deps: CommandDeps<P>): vscode.Disposable {
  let loading: Promise<ReturnType<typeof createCommands>> | undefined;
  // esbuild resolves this import to ./commands.js beside the main bundle (see esbuild.js).
  const commands = () => (loading ??= import('./commandsFeature.js').then(({ createCommands }) => createCommands(deps)));
  return vscode.Disposable.from(...NAMES.map((name) => vscode.commands.registerCommand(`sconnector.${name}`, async (node?: unknown) => (await commands())[name](node))));
}
