import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One lint configuration for the whole repository. Besides the usual rules it enforces the
 * architecture: src-shared stays pure (no Node, DOM, Electron or database, no reading the clock),
 * the renderer never imports the main process, and the portal and office do not import each other.
 */
const nodeModules = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'release/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.cache/',
      '.data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeModules, message: 'src-shared is pure: no Node APIs.' },
            {
              group: ['electron', 'better-sqlite3', 'kysely', 'pg', 'react', 'react-dom', 'hono', '@hono/*'],
              message: 'src-shared is pure: no Electron, database, UI or HTTP.',
            },
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/src-portal/**'],
              message: 'src-shared imports nothing from the other parts.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'sessionStorage',
        'fetch',
        'process',
        'Buffer',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The current instant is a parameter.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The current instant is a parameter.',
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Screens load their data in an effect and set state when the call answers; the rule cannot
      // see that the setState comes after an await, and a loading flag set first costs one render.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/src-portal/**'],
              message: 'The renderer talks to main only through the typed API.',
            },
            { group: nodeModules, message: 'The renderer runs in a sandboxed page: no Node APIs.' },
            {
              group: ['electron', 'better-sqlite3', 'kysely'],
              message: 'The renderer has no Electron or database access.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-portal/**', '**/src-renderer/**'],
              message: 'The office does not import the portal or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-portal/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', 'electron'],
              message: 'The portal does not import the office.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-*/**'], message: 'Migrations are frozen in time: they never import app code.' },
          ],
        },
      ],
    },
  },
);
