import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

/** Import restrictions that keep each process on its side of the boundary. */
function restrictImports(paths, patterns) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({
          name,
          message:
            'This folder may not use this module; see the process boundary in README.md.',
        })),
        patterns: patterns.map((group) => ({
          group: [group],
          message:
            'This folder may not import that folder; see the process boundary in README.md.',
        })),
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '**/node_modules/**',
      'data/**',
      'coverage/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: restrictImports(
      ['electron', 'react', 'react-dom', ...nodeBuiltins],
      ['**/main/**', '**/preload/**', '**/renderer/**', '**/service/**'],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrictImports(
        ['electron', ...nodeBuiltins],
        ['**/main/**', '**/preload/**', '**/service/**'],
      ),
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrictImports(nodeBuiltins, [
      '**/main/**',
      '**/renderer/**',
      '**/service/**',
    ]),
  },
  {
    // Only the thin adapter in main/electron may import Electron, so that the
    // rest of the main process runs and is tested under plain Node.
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: restrictImports(
      ['electron'],
      ['**/renderer/**', '**/preload/**', '**/service/**'],
    ),
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: restrictImports(
      [],
      ['**/renderer/**', '**/preload/**', '**/service/**'],
    ),
  },
  {
    files: ['service/**/*.ts'],
    rules: restrictImports(
      ['electron'],
      ['**/main/**', '**/preload/**', '**/renderer/**'],
    ),
  },
);
