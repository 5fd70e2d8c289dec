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
  'src/state/quota.ts',
  'src/state/refreshPolicy.ts',
  'src/state/roomOrder.ts',
  'src/views/displayName.ts',
  'src/views/format.ts',
];
const IMPORTS_VSCODE = /\bfrom\s+['"]vscode['"]|\brequire\(\s*['"]vscode['"]\s*\)|\bimport\(\s*['"]vscode['"]\s*\)/;

const mutate = [...new Set(MUTATE.flatMap((pattern) => fs.globSync(pattern)))]
  .filter((file) => !IMPORTS_VSCODE.test(fs.readFileSync(file, 'utf8')))
  .sort();

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate,
  testRunner: 'mocha',
  mochaOptions: {
    config: 'test/unit/.mocharc.json',
    spec: ['out/test/unit/**/*.test.js'],
    ignore: [
      // It reads the sources themselves (l10n strings), so it fails on every mutated copy.
      'out/test/unit/l10n.test.js',
      // The emulator's own tests import nothing from src/, so they cannot detect a mutant; they
      // would only slow down every run that needs all tests (static mutants, the initial run).
      'out/test/unit/emulator/**',
    ],
  },
  buildCommand: 'node esbuild.js',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  concurrency: Number(process.env.STRYKER_CONCURRENCY) || 2,
  // Nothing the sandbox needs: build output is rebuilt there, the rest is never read by unit tests.
  ignorePatterns: ['/dist', '/out', '/reports', '/docs', '/.vscode-test', '/.test-runs', '*.vsix'],
  reporters: ['clear-text', process.stdout.isTTY ? 'progress' : 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowEmojis: false, reportTests: false },
  thresholds: { high: 85, low: 70, break: null },
};
