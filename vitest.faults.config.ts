import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the system as separate processes on its own servers, with parts of it killed, stopped and
 * restarted. Slow (minutes) and not part of `npm test`; each file starts and removes its own servers.
 */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.faults.ts'],
    setupFiles: ['tests/support/quiet-runtime.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
