import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'ui/dist/**', 'db/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware: a promise nobody awaits is a bug here (in a workflow it reorders or drops commands; in the API an
    // unhandled rejection). Each file is checked against the tsconfig.json nearest to it (root, ui/, tests/ui/).
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['ui/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must not use Node built-ins.' })) }],
    },
  },
  {
    // The web app runs in the browser and talks to the server only over HTTP: no server modules, no Node built-ins.
    files: ['ui/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The web app runs in the browser.' })),
          patterns: [{ regex: '^(\\.\\./){2,}(api|db|workflows|activities|calendar|rules|scripts)(/|$)', message: 'The web app uses the API over HTTP, not server modules.' }],
        },
      ],
    },
  },
  {
    // The API talks to workflows only through their messages, never their bodies.
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)workflows/(?!messages$).+',
              message: 'api/ may import only workflows/messages.',
            },
            { regex: '(^|/)workflows$', message: 'api/ may import only workflows/messages.' },
          ],
        },
      ],
    },
  },
);
