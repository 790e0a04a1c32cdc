// @ts-check
/**
 * ESLint flat config: @eslint/js recommended + typescript-eslint recommendedTypeChecked (type-aware, through
 * the TypeScript project service and tsconfig.json) everywhere; React hooks (including the React Compiler
 * rules of the plugin's recommended preset) and jsx-a11y recommended for the SPA's components.
 * `npm run lint` runs with --max-warnings=0, so a warning fails it like an error.
 *
 * Documented disabled rules (everything turned off, downgraded or relaxed relative to the presets):
 * - @typescript-eslint/require-await: off. Fastify plugins, hooks and handlers and antd form validators must
 *   return a promise; `async` without `await` is the idiomatic way to do that (a throw becomes a rejection), and
 *   every finding of this rule in the tree was of that kind, none a forgotten await (no-floating-promises,
 *   no-misused-promises and await-thenable stay on and catch those).
 * - @typescript-eslint/no-misused-promises: checksVoidReturn.attributes off. A promise-returning handler in a JSX
 *   attribute (onClick, onFinish, onConfirm ...) is the usual React/antd pattern; the other checks stay on.
 * - @typescript-eslint/no-unused-vars: names starting with `_`, and rest siblings, are ignored. Destructuring a
 *   key away (`const { id: _id, ...rest } = row`) and unused positional parameters are intentional.
 * - @typescript-eslint/no-unsafe-{assignment,member-access,call,argument,return}: off in *.test.ts only. Tests
 *   read `inject().json()` / `response.json()`, which are typed `any` by the libraries, and the assertions that
 *   follow are the check; production code keeps these rules.
 * - JavaScript files (eslint.config.js, server/lib/worker-boot.mjs): the type-aware rules are off
 *   (typescript-eslint's disableTypeChecked), as these files are not part of the TypeScript program.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  {
    // Build output (vite's outDir: dist/web, or WEB_OUT_DIR when set; keep that under dist/ too),
    // runtime data, Playwright output and the reference data sets.
    ignores: ['dist/**', 'data/**', 'test-results/**', 'coverage/**', 'bench/data/**', 'common/data/*.json'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['server/**', 'scripts/**', 'bench/**', 'tests/**', '*.{js,ts}', 'web/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['common/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    files: ['web/**'],
    ignores: ['web/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Hooks live in .ts files too (web/hooks), so the hooks rules cover both.
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/vite.config.ts'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // The preset has it as a warning; with --max-warnings=0 it gates anyway, so say so.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['web/**/*.tsx'],
    extends: [jsxA11y.flatConfigs.recommended],
  },
);
