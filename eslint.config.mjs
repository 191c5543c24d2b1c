import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.e2e-results/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js', 'test/**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    // The engine is pure TypeScript: the worker, the CLI and the tests all drive the same code,
    // so it must not reach for the editor, the file system or the DOM.
    files: ['src/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/analysis is pure: no vscode.' }, ...nodeBuiltins.map((name) => ({ name, message: 'src/analysis is pure: no Node built-ins (fs, path, ...).' }))],
        // Any depth: `../../editor/x` from a room is as much an adapter as `../editor/x` from the root.
        patterns: [{ group: ['**/extension', '**/extension.*', '**/editor', '**/editor/**', '**/worker', '**/worker/**', '**/cli', '**/cli/**', '**/webview', '**/webview/**', '**/node', '**/node/**', '**/protocol', '**/protocol.*'], message: 'src/analysis must not depend on its adapters.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/analysis is pure: no DOM.' },
        { name: 'document', message: 'src/analysis is pure: no DOM.' },
        { name: 'process', message: 'src/analysis is pure: pass what you need in.' },
        { name: 'Buffer', message: 'src/analysis is pure: use Uint8Array.' },
        { name: 'require', message: 'src/analysis is pure: no require.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Randomness is a seeded generator passed in (models/random.ts).' },
        { object: 'Date', property: 'now', message: 'Pass a clock in; the engine stays deterministic.' },
      ],
    },
  },
);
