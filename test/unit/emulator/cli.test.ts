import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parseCliArgs } from '../../emulator/cliArgs';
import { DEMO_SECRET_KEY } from '../../emulator/server';

/** out/test/emulator/main.js, next to this compiled test's folder. */
const MAIN = path.join(__dirname, '..', '..', 'emulator', 'main.js');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runMain(args: string[], untilStdout?: RegExp, onReady?: (stdout: string, kill: () => void) => void): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main.js did not finish: ${stdout} ${stderr}`));
    }, 8000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!ready && untilStdout?.test(stdout)) {
        ready = true;
        onReady?.(stdout, () => child.kill('SIGTERM'));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('emulator CLI', () => {
  it('parses flags with their CLI defaults (port 5000, ticking every 5 s, 2 extra licenses)', () => {
    assert.deepEqual(parseCliArgs([]), { kind: 'run', quiet: false, options: { port: 5000, tickMs: 5000, extraLicenses: 2 } });
    assert.deepEqual(
      parseCliArgs(['--port', '0', '--host=0.0.0.0', '--seed', '7', '--rooms', '1000', '--records=100000', '--room-limit', '3',
        '--shape', 'rich', '--tick-seconds', '0.5', '--latency', '200', '--token-lifetime-seconds', '30', '--extra-licenses', '5', '--quiet']),
      {
        kind: 'run',
        quiet: true,
        options: { port: 0, host: '0.0.0.0', seed: 7, rooms: 1000, records: 100000, roomLimit: 3, shape: 'rich', tickMs: 500, latencyMs: 200, tokenLifetimeSeconds: 30, extraLicenses: 5 },
      },
    );
    assert.equal((parseCliArgs(['--tick-seconds', '0']) as { options: { tickMs: number } }).options.tickMs, 0);
    assert.deepEqual(parseCliArgs(['--rooms', '3', '--help']), { kind: 'help' });
    for (const bad of [['--port'], ['--port', '70000'], ['--extra-licenses', '51'], ['--rooms', '-1'], ['--rooms', '2.5'], ['--shape', 'wide'], ['--tick-seconds', 'x'], ['--colour', 'red'], ['stray']]) {
      assert.equal(parseCliArgs(bad).kind, 'error', bad.join(' '));
    }
  });

  it('prints the URL, the sample keys and the control paths, serves, and stops cleanly on SIGTERM', async function () {
    this.timeout(10_000);
    let served: Promise<number> | undefined;
    const result = await runMain(['--port', '0', '--tick-seconds', '0'], /Press Ctrl\+C/, (stdout, kill) => {
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      served = fetch(`${url}/v1/info`).then((r) => r.status);
      void served.finally(kill);
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await served, 401);
    assert.match(result.stdout, /listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(result.stdout, /access key: foziz2mdywm/);
    assert.ok(result.stdout.includes(`secret key: ${DEMO_SECRET_KEY}`));
    assert.match(result.stdout, /\/__emulator\/faults/);
    assert.match(result.stdout, /customer1\.example \(limit 5\): access key extra1accesskey, secret key extra-license-1-secret-key/);
    assert.match(result.stdout, /Redirect sink .*: http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(result.stdout, /GET \/v1\/info 401 \d+ ms/);
    assert.match(result.stdout, /SIGTERM: stopping/);
  });

  it('says which port is in use', async function () {
    this.timeout(10_000);
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = await runMain(['--port', String(port)]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`port ${port} is in use; pass --port`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a bad flag with exit code 2 and the usage', async () => {
    const result = await runMain(['--shape', 'wide']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--shape must be short or rich/);
    assert.match(result.stderr, /Usage:/);
  });
});
