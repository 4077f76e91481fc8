// Lint: typescript-eslint's type-aware recommended rules over src/ (and the code that runs it:
// tests, benchmarks, scripts, the reference emulators), plus the project's own boundaries:
// only src/cli/ reads the process (flags, env, exit codes); the rest receives what it needs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**', 'action/dist/**', 'docs/library/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Abort reasons are rethrown as they came (signal.reason may be any value the aborter chose).
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // Async methods without await implement Promise-returning contracts (TrafficRouter, LiveMetrics, caches).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Only src/cli/ reads the process: take cwd, env, streams or signals as parameters.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:process', message: 'Only src/cli/ reads the process.' },
            { name: 'process', message: 'Only src/cli/ reads the process.' },
          ],
        },
      ],
    },
  },
  {
    // Tests read parsed JSON documents (reports, journals, ARM bodies) and assert on their fields:
    // expect() checks their shape at run time, so the static any-tracking rules stay off here only.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Fixtures hand out closures typed as methods (close, remove, name): none of them uses `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Sanitizers and their tests match terminal control characters on purpose.
    files: ['src/report/sanitize.ts', 'src/report/console.ts', 'test/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  { files: ['bin/*.js', '*.js', 'action/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
