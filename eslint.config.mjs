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
      // Leaving a property out by destructuring the rest is how an object is copied without it.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The emulator's own tests read whatever JSON it sends, in each of the API's shapes, wrong ones
    // included: the answer is typed `any` there on purpose (test/unit/emulator/helpers.ts), and each
    // test asserts the fields it reads. Everywhere else `any` is an error.
    files: ['test/unit/emulator/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The build scripts are plain JavaScript run by Node.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { '@typescript-eslint/no-require-imports': 'off' }, // CommonJS, as Node runs them
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
