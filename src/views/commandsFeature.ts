/**
 * What the license and account commands do: their prompts, checks and messages. This is the entry
 * of a bundle of its own, dist/commands.js, which views/commandLauncher.ts loads the first time one
 * of them runs: none of this code is loaded, or parsed, at activation.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { type HttpTransport } from '../api/http';
import { type LicenseParts, type Licenses } from '../state/licenses';
import { type Settings } from '../state/settings';
import { sessionOf, signIn, signOut } from './accountCommands';
import { addLicense, pickedLicense, removeLicense, renameLicense } from './licenseCommands';
import { createAccessToken } from './tokenCommands';

export interface CommandDeps<P extends LicenseParts> {
  readonly licenses: Licenses<P>;
  readonly http: HttpTransport;
  readonly settings: () => Settings;
  readonly log: vscode.LogOutputChannel;
}

/** The commands, by the name after `sconnector.`; each takes what VS Code passes (a tree node, or nothing). */
export const COMMAND_NAMES = ['signIn', 'signOut', 'addLicense', 'switchLicense', 'renameLicense', 'removeLicense', 'createAccessToken'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export function createCommands<P extends LicenseParts>(deps: CommandDeps<P>): Record<CommandName, (node?: unknown) => Promise<void>> {
  // This bundle has its own copy of @vscode/l10n: it reads the bundle VS Code has loaded, as
  // activate() does for the main bundle.
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  const { licenses, log } = deps;
  return {
    signIn: (node) => signIn(licenses, sessionOf(licenses, node), log),
    signOut: (node) => signOut(sessionOf(licenses, node), log),
    addLicense: () => addLicense(licenses, deps.settings, log),
    switchLicense: async (node) => {
      const session = await pickedLicense(licenses, node, l10n.t('Switch S-Connector License'));
      if (session?.record) await licenses.list.setCurrent(session.id);
    },
    renameLicense: async (node) => {
      const session = await pickedLicense(licenses, node, l10n.t('Rename S-Connector License'));
      if (session?.record) await renameLicense(licenses, session);
    },
    removeLicense: async (node) => {
      const session = await pickedLicense(licenses, node, l10n.t('Remove S-Connector License'));
      if (session) await removeLicense(licenses, session, log);
    },
    createAccessToken: (node) => createAccessToken(sessionOf(licenses, node), deps.http, log),
  };
}
