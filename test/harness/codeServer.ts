/**
 * Starts code-server (a real VS Code for the web, with a real Node extension host) on loopback,
 * isolated in a run folder: its own HOME, user data, extensions and temp dir.
 * It is started in its own process group so that stopping it also stops its helper processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, killOnExit, stopGroup, waitForHttp } from './processes';
import { type Toolchain } from './provision';

export interface CodeServerOptions {
  /** Folder for this run's user data, extensions, HOME and logs; created if missing. */
  readonly runDir: string;
  /** Port to try first; a free one is used when it is taken. 0 = any. */
  readonly port?: number;
  /** Extra environment for code-server and so for the extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** VS Code's display language (`--locale`), e.g. 'ko'; English when absent. */
  readonly locale?: string;
}

export interface CodeServer {
  readonly origin: string;
  readonly port: number;
  /** Where code-server's own output goes. */
  readonly logFile: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export async function startCodeServer(toolchain: Toolchain, options: CodeServerOptions): Promise<CodeServer> {
  const dir = (name: string) => {
    const folder = path.join(options.runDir, name);
    fs.mkdirSync(folder, { recursive: true });
    return folder;
  };
  const port = await freePort(options.port ?? 0);
  const home = dir('home');
  const configFile = path.join(options.runDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  const logFile = path.join(options.runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', dir('user-data'),
    '--extensions-dir', dir('extensions'),
    '--config', configFile,
    // Lets the workbench honour the `payload` URL parameter (extension development and test paths).
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (options.locale) {
    registerLanguagePack(dir('user-data'), options.locale);
    args.push('--locale', options.locale);
  }
  const child: ChildProcess = spawn(toolchain.codeServer, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      ...options.env,
      PATH: `${toolchain.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      TMPDIR: dir('tmp'),
    },
  });
  fs.closeSync(log);
  killOnExit(child);
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = `code-server exited early (${signal ?? `code ${code}`}); see ${logFile}`;
  });
  const origin = `http://127.0.0.1:${port}`;
  const server: CodeServer = { origin, port, logFile, stop: () => stopGroup(child) };
  try {
    await waitForHttp(`${origin}/healthz`, START_TIMEOUT_MS, () => exit);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * Makes `locale` a display language that VS Code accepts with no network and no Marketplace.
 * The server only honours a non-English locale that a language pack in the user data names
 * (`languagepacks.json`, which installing a language pack writes); otherwise it falls back to
 * English, and so does every extension's `vscode.env.language`. This registers a pack whose
 * translation table for VS Code's own strings is empty, so the workbench keeps its English
 * strings while extensions get the locale and load their own translations
 * (`package.nls.<locale>.json`, `l10n/bundle.l10n.<locale>.json`), as they do under a real pack.
 */
function registerLanguagePack(userDataDir: string, locale: string): void {
  const translations = path.join(userDataDir, 'test-language-pack', `${locale}.i18n.json`);
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  // VS Code lists a pack under the extension that brought it (its first), so the pack names one.
  const extensions = [{ extensionIdentifier: { id: `s-connector-tests.language-pack-${locale}` }, version: '0.0.0' }];
  const pack = { hash: `test-${locale}`, label: locale, extensions, translations: { vscode: translations } };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

export interface WorkbenchTarget {
  /** Folder to open. */
  readonly folder: string;
  /** The extension under development (absolute path); absent to use only installed extensions. */
  readonly extensionDevelopmentPath?: string;
  /** A module exporting `run(): Promise<void>`, to run as extension tests (absolute path). */
  readonly extensionTestsPath?: string;
}

/**
 * The workbench URL. code-server has no --extensionDevelopmentPath flag; the workbench reads the
 * same settings from a `payload` parameter, with paths as vscode-remote:// URIs on this server.
 */
export function workbenchUrl(server: CodeServer, target: WorkbenchTarget): string {
  const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(file)}`;
  const payload: [string, string][] = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: path.resolve(target.folder), payload: JSON.stringify(payload) });
  return `${server.origin}/?${query.toString()}`;
}

/** Installs a .vsix into the run folder's extensions, as `code-server --install-extension` does for users. */
export async function installExtension(toolchain: Toolchain, runDir: string, vsix: string): Promise<void> {
  const home = path.join(runDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(toolchain.codeServer, ['--install-extension', vsix, '--extensions-dir', path.join(runDir, 'extensions'), '--user-data-dir', path.join(runDir, 'user-data')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${toolchain.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`code-server --install-extension failed (${code}): ${output.trim()}`));
    });
  });
}
