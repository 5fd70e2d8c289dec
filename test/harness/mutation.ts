/**
 * `npm run test:mutation`: mutation testing of the unit tests with Stryker (config: stryker.config.mjs).
 * Stryker 10 needs Node 22 or later, so it runs on the Node 24 that the test harness provisions
 * (see provision.ts), whatever Node started this script. Arguments are passed on to `stryker run`,
 * e.g. `npm run test:mutation -- --mutate src/api/errors.ts`; STRYKER_CONCURRENCY sets the number
 * of test runner processes (2 by default). Closes with the overall mutation score.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { provision } from './provision';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const STRYKER = path.join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
/** Where stryker.config.mjs has the JSON reporter write. */
const REPORT = path.join(ROOT, 'reports', 'mutation', 'mutation.json');

interface MutationReport {
  readonly files: Record<string, { readonly mutants: readonly { readonly status: string }[] }>;
}

/** Stryker's own definition: killed and timed-out mutants over all valid ones (compile errors and ignored ones excluded). */
function scoreLine(report: MutationReport): string {
  const count: Record<string, number> = {};
  for (const file of Object.values(report.files)) {
    for (const { status } of file.mutants) count[status] = (count[status] ?? 0) + 1;
  }
  const n = (status: string) => count[status] ?? 0;
  const detected = n('Killed') + n('Timeout');
  const valid = detected + n('Survived') + n('NoCoverage');
  const score = valid === 0 ? 'n/a' : `${((detected / valid) * 100).toFixed(2)}%`;
  return `mutation score: ${score} (${detected} of ${valid} mutants killed or timed out; ${n('Survived')} survived, ${n('NoCoverage')} not covered)`;
}

function run(node: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const { nodeBinDir } = await provision();
  const started = Date.now();
  const env = { ...process.env, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` };
  const code = await run(path.join(nodeBinDir, 'node'), [STRYKER, 'run', 'stryker.config.mjs', ...process.argv.slice(2)], env);
  if (code !== 0) return code;
  // A report older than this run belongs to an earlier one: say nothing rather than an old score.
  if (!fs.existsSync(REPORT) || fs.statSync(REPORT).mtimeMs < started) {
    console.error(`[mutation] Stryker wrote no report to ${path.relative(ROOT, REPORT)}`);
    return 1;
  }
  console.log(`\n${scoreLine(JSON.parse(fs.readFileSync(REPORT, 'utf8')) as MutationReport)}`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`[mutation] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
