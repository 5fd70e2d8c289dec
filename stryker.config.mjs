// Mutation testing of the unit tests (`npm run test:mutation`, see test/harness/mutation.ts).
// The unit tests run on esbuild's output in out/, so Stryker mutates the TypeScript sources in its
// sandbox, rebuilds out/ there (`buildCommand`), and runs mocha on the compiled specs.
import * as fs from 'node:fs';

/**
 * What is mutated: the modules the unit tests cover that run without VS Code. A file that imports
 * `vscode` can only be tested in the extension host, so it is left out even when a glob matches it.
 */
const MUTATE = [
  'src/api/**/*.ts',
  'src/report/**/*.ts',
  'src/shared/**/*.ts',
  'src/state/**/*.ts',
  'src/views/displayName.ts',
  'src/views/format.ts',
  'src/webview/format.ts',
  'src/webview/tablePaging.ts',
  'src/webview/timeAxis.ts',
];
const IMPORTS_VSCODE = /\bfrom\s+['"]vscode['"]|\brequire\(\s*['"]vscode['"]\s*\)|\bimport\(\s*['"]vscode['"]\s*\)/;

const mutate = [...new Set(MUTATE.flatMap((pattern) => fs.globSync(pattern)))]
  .filter((file) => !IMPORTS_VSCODE.test(fs.readFileSync(file, 'utf8')))
  .sort();

/**
 * The compiled specs of the unit tests that have a source, so that a spec left in out/ by a test
 * since renamed or deleted is never run. Two are left out:
 *  - l10n.test.ts reads the sources themselves (l10n strings), so it fails on every mutated copy,
 *    and layers.test.ts reads their imports, which no mutant changes;
 *  - the emulator's own tests import nothing from src/, so they cannot detect a mutant and would
 *    only slow down every run that needs all tests (static mutants, the initial run).
 */
const spec = fs
  .globSync('test/unit/**/*.test.ts')
  .filter((file) => file !== 'test/unit/l10n.test.ts' && file !== 'test/unit/layers.test.ts' && !file.startsWith('test/unit/emulator/'))
  .map((file) => `out/${file.replace(/\.ts$/, '.js')}`)
  .sort();

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate,
  testRunner: 'mocha',
  mochaOptions: {
    config: 'test/unit/.mocharc.json',
    spec,
  },
  buildCommand: 'node esbuild.js',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  concurrency: Number(process.env.STRYKER_CONCURRENCY) || 2,
  // Nothing the unit tests read. out/ is copied although the build rewrites it: the compiled specs
  // must be among Stryker's files for `incremental` to recognise the tests of the last run.
  ignorePatterns: ['/dist', '/docs', '/media', '/.vscode-test', '/.test-runs', '*.vsix'],
  reporters: ['clear-text', process.stdout.isTTY ? 'progress' : 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowEmojis: false, reportTests: false },
  thresholds: { high: 85, low: 70, break: null },
};
