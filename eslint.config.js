// Lint: correctness and layering. Formatting is not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'data/store/', 'devTools/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.ts only.' }],
    },
  },
  { files: ['src/config.ts', 'src/main.ts'], rules: { 'no-restricted-properties': 'off' } },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': layer([
        { group: ['botbuilder*', 'restify', 'lowdb*', 'natural*', 'i18next', 'pino', 'node:*'], message: 'src/core is the domain: define a port in core and implement it in src/infra or src/bot.' },
        { group: ['**/bot/**', '**/infra/**', '**/config.js', '**/app.js'], message: 'Dependencies point inward: core never imports bot/, infra/ or the composition root.' },
      ]),
    },
  },
  {
    files: ['src/infra/**/*.ts'],
    rules: {
      'no-restricted-imports': layer([{ group: ['botbuilder*', 'restify', '**/bot/**'], message: 'src/infra implements core ports; it does not know the Teams edge.' }]),
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      // botbuilder's StoreItems and test doubles are `any` by design; tests read them freely.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
