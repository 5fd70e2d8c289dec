// ESLint (flat config) with typescript-eslint's type-checked rules: `npm run lint`, part of `npm test`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', '.test-runs/', '.stryker-tmp/', 'reports/', 'test/fixtures/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits hides its failure; `void` says it is meant.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async listener VS Code does not await must not look like a synchronous one.
      '@typescript-eslint/no-misused-promises': 'error',
      // Types are imported as types: esbuild drops them, and nothing loads for a type alone.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The build scripts are plain JavaScript run by Node.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
