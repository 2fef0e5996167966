// Lint: TypeScript-aware rules everywhere, React hooks rules in the renderer, and the layer
// boundaries of docs/ARCHITECTURE.md as import restrictions (test/unit/boundaries checks them).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('node:')).map(escape);

// Each entry is one forbidden kind of import source, with the reason given in the lint error.
const forbid = {
  node: {
    regex: `^(node:.*|(${nodeBuiltins.join('|')})(/.*)?)$`,
    message: 'Node modules are not available here.',
  },
  electron: { regex: '^electron(/.*)?$', message: 'Electron is not available here.' },
  react: { regex: '^react(-dom)?(/.*)?$', message: 'React belongs to the renderer.' },
  renderer: { regex: '^(\\.\\./)+renderer(/.*)?$', message: 'renderer/ is browser code.' },
  electronDir: { regex: '^(\\.\\./)+electron(/.*)?$', message: 'electron/ is Node-side code.' },
  shell: {
    regex: '^(\\.\\./)+(host|desktop|main|preload|serve|cli|engine-host)(/.*|\\.ts)?$',
    message: 'electron/host, electron/desktop and the entries sit above it.',
  },
};
const restrict = (layer, ...kinds) => [
  'error',
  {
    patterns: kinds.map((k) => ({
      regex: forbid[k].regex,
      caseSensitive: true,
      message: `${layer} ${forbid[k].message} See docs/ARCHITECTURE.md, "Layer rules".`,
    })),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Layer boundaries. The TypeScript variant of the rule also sees `import x = require(...)`.
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        'The engine runs without Electron or a window:',
        'electron',
        'react',
        'renderer',
        'shell',
      ),
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/engine-host.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict('Node-side code:', 'react', 'renderer'),
    },
  },
  {
    // Only the three Electron entries touch Electron; the rest (host/, desktop/, the commands) is
    // plain Node, so it runs in the tests where no Electron binary exists.
    files: ['electron/**/*.ts'],
    ignores: ['electron/engine/**', 'electron/main.ts', 'electron/preload.ts', 'electron/engine-host.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        'Node-side code outside the Electron entries:',
        'electron',
        'react',
        'renderer',
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        'The renderer runs in a sandboxed page:',
        'node',
        'electron',
        'electronDir',
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        'shared/ runs on both sides:',
        'node',
        'electron',
        'react',
        'renderer',
        'electronDir',
      ),
    },
  },
);
