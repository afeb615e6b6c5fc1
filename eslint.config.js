import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'ui/dist/**', 'db/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
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
