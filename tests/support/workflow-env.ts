import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { terminateLeftovers } from './cases';
import { startTimeSkipping } from './time-skipping';

/** When the workflows a file started and left running are terminated (see {@link terminateLeftovers}). */
export type Leftovers = 'after-each' | 'after-all' | 'never';

/**
 * A workflow test file's time-skipping environment: started once before its tests, leftover workflows terminated
 * after each test (or once at the end, or never, for files whose cases outlive a test), torn down after the last one.
 * Call it at the top level of the file; the returned function gives the environment inside tests.
 * @param leftovers when leftover workflows are terminated. @default 'after-each'
 */
export function useTimeSkipping(leftovers: Leftovers = 'after-each'): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    env = await startTimeSkipping();
  });
  if (leftovers === 'after-each') afterEach(terminateLeftovers);
  afterAll(async () => {
    if (leftovers === 'after-all') await terminateLeftovers();
    await env?.teardown();
  });
  return () => {
    if (!env) throw new Error('the time-skipping environment is not started yet: use it inside a test or hook');
    return env;
  };
}
