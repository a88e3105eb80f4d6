// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The layers, as rules (see docs in the README's "Code layout"):
 * - `src/shared` is used by both sides and imports nothing from the server or the web;
 * - SQL (Kysely's query builders and `sql`) only in repositories, the database layer (migrations,
 *   seed) and the audit trail's writer;
 * - `src/server/db` never imports a feature;
 * - a feature reaches another only through that feature's `<feature>.module.ts`.
 */
const sqlOutsideRepositories = [
  {
    selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)$/]',
    message: 'SQL belongs in a *.repository.ts file.',
  },
  { selector: "ImportDeclaration[source.value='kysely'] > ImportSpecifier[imported.name='sql']", message: 'SQL belongs in a *.repository.ts file.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'reference-data/**', 'scripts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Template literals of numbers and the like read well in messages and file names.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: false }],
    },
  },
  {
    // Tests and benchmarks read JSON answers (`response.json()`, `any` by design) and poke at them.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'src/server/test/**', 'src/web/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Test doubles implement async interfaces with synchronous bodies.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // A migration is written against the schema as it was, not today's `DB` type: Kysely's own
    // guidance is `Kysely<any>` there (https://kysely.dev/docs/migrations).
    files: ['src/server/db/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(server|web|cli)/', message: 'src/shared is used by the server and the web: it imports from neither.' }] },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    // The audit trail's writer runs inside every service's transaction; demo steps write demo data.
    ignores: ['**/*.repository.ts', 'src/server/db/**', 'src/server/lib/audit.ts', 'src/server/test/**', '**/*.test.ts', 'src/server/demo/**', '**/*.demo.ts'],
    rules: { 'no-restricted-syntax': ['error', ...sqlOutsideRepositories] },
  },
  {
    files: ['src/server/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '/(features|demo)/', message: 'The database layer never imports a feature.' }] }],
    },
  },
  {
    files: ['src/server/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?![^/]+\\.module\\.ts$)',
              message: 'Another feature is reached only through its <feature>.module.ts (what it offers the others).',
            },
          ],
        },
      ],
    },
  },
);
