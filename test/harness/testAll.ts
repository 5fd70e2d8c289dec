/**
 * `npm test`: type-check, unit tests, the integration suite in a real VS Code extension host, and
 * the browser tests in the real workbench, one after the other, stopping at the first failure.
 * Everything they print is also scanned: a secret key or a token in test output fails the run.
 * It closes with the total, in the `N passed, N failed` form CI reads.
 */
import { spawn } from 'node:child_process';
import { DEMO_SECRET_KEY } from '../emulator/server';
import { clearCounts, countsLine, loadCounts } from './results';

interface Stage {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** The suite whose counts the stage leaves in .vscode-test/results/. */
  readonly suite?: string;
}

const STAGES: readonly Stage[] = [
  { name: 'type-check', command: 'npx', args: ['tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', command: 'npx', args: ['eslint', '.'] },
  { name: 'unit tests', command: 'npx', args: ['mocha', '--config', 'test/unit/.mocharc.json'], suite: 'unit' },
  { name: 'integration tests (VS Code extension host)', command: process.execPath, args: ['out/test/harness/runOffline.js'], suite: 'integration' },
  { name: 'browser tests (real workbench)', command: 'npx', args: ['mocha', '--config', 'test/browser/.mocharc.json'], suite: 'browser' },
];

const TOKEN = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

function run(stage: Stage): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    console.log(`\n[test] ${stage.name}`);
    const child = spawn(stage.command, stage.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<number> {
  clearCounts();
  let everything = '';
  for (const stage of STAGES) {
    const { code, output } = await run(stage);
    everything += output;
    if (code !== 0) {
      console.error(`\n[test] ${stage.name} failed (exit code ${code})`);
      return 1;
    }
  }
  if (everything.includes(DEMO_SECRET_KEY) || TOKEN.test(everything)) {
    console.error('\n[test] a secret key or a token appeared in the test output');
    return 1;
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const { suite } of STAGES) {
    if (!suite) continue;
    const counts = loadCounts(suite);
    if (!counts) {
      console.error(`[test] the ${suite} suite left no results`);
      return 1;
    }
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  }
  console.log(`\n${countsLine('total', { passed, failed, skipped })}`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
