/**
 * Workflow code throws only ApplicationFailure: a case whose rules cannot run (a pack id no build knows, a flow with
 * no steps) fails at once with a typed, non-retryable failure the API and the Temporal UI show — instead of a plain
 * Error that fails its workflow task, which Temporal retries for ever while the case sits "received" with no sign.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { getPack } from '../../rules';
import { workflowTypes } from '../../workflows/messages';
import { createCatalogueEntry, registerCase, startWorkflow, type RegisteredCase } from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';
import type { Db } from '../../db/client';

const env = useTimeSkipping();

async function application(db: Db): Promise<RegisteredCase> {
  const own = await createCatalogueEntry(db, { provider: 'hb-gat', sharingAttribute: 'conditional' });
  return registerCase(db, {
    process: 'negative-list',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    parties: hebeiParties('hb-gat', 'hb-gat'),
    catalogueEntryId: own.id,
    receivedAt: '2025-09-28T10:00:00+08:00',
  });
}

/** The failure a workflow ended with (its result rejects; a workflow whose task keeps failing never gets here). */
async function failureOf(result: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('a case whose rule pack cannot run', () => {
  it('a pack id no build knows (and no bound pack): the case fails as UNKNOWN_PACK, not retried', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = { ...(await application(db.db)), pack: 'no-such-pack', legalBasis: '《测试条例》第一条' };
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.negativeList, input);
      const failure = await failureOf(handle.result());
      expect(failure).toMatchObject({ type: 'UNKNOWN_PACK', nonRetryable: true });
      expect(failure.message).toContain('no-such-pack');
    });
    await db.close();
  });

  it('a bound pack whose flow has no steps: the case fails as EmptyFlow, not retried', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const pack = getPack('hebei-2023');
    const input = { ...(await application(db.db)), packData: { ...pack, flows: { ...pack.flows, 'negative-list': [] } }, legalBasis: '《测试条例》第一条' };
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.negativeList, input);
      expect(await failureOf(handle.result())).toMatchObject({ type: 'EmptyFlow', nonRetryable: true });
    });
    await db.close();
  });
});
