import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../db/schema';
import { completeTaskUpdate, taskRejections } from '../../workflows/messages';
import { people, secretsLaw } from '../support/cases';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let civil: Record<string, string>;
let police: Record<string, string>;
let authority: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  civil = await loginAs(stack.app, 'mzt.li');
  police = await loginAs(stack.app, 'gat.zhang');
  authority = await loginAs(stack.app, 'data.chen');
});
afterAll(() => stack?.stop());

async function openTask(headers: Record<string, string>, requestId: string, step: string) {
  for (let i = 0; i < 300; i++) {
    const list = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers })).json();
    const task = list.find((t: { requestId: string; step: string }) => t.requestId === requestId && t.step === step);
    if (task) return task as { id: string };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no open ${step} task for ${requestId}`);
}

const act = (headers: Record<string, string>, taskId: string, payload: Record<string, unknown>) =>
  stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers, payload });

/** A conditional share request at the provider's reply, its workflow id and the reply task. */
async function caseAtProviderReply() {
  const created = await stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: civil,
    payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '婚姻登记时核验当事人身份' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id, workflowId } = created.json();
  expect((await act(authority, (await openTask(authority, id, 'review-forward')).id, { decision: 'forward' })).statusCode).toBe(200);
  return { workflowId: workflowId as string, reply: await openTask(police, id, 'provider-reply') };
}

async function updateFailure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('a completion the database refuses fails cleanly and leaves the task open', () => {
  it('refuses, as a typed failure and promptly, what Postgres cannot store; the task can then be completed with good input', async () => {
    const { workflowId, reply } = await caseAtProviderReply();
    const handle = stack.client.workflow.getHandle(workflowId);
    // Past the edge (as a client of Temporal itself would be): the read model's transaction is refused by Postgres.
    const started = Date.now();
    const failure = await updateFailure(
      handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: reply.id, actor: people.hbGat, decision: 'refuse', reason: '理由 x \ud800 y', legalBasis: secretsLaw, payload: { 'a\u0000b': 'x' } }],
      }),
    );
    expect(failure.type, failure.message).toBe(taskRejections.inputRefused);
    expect(Date.now() - started).toBeLessThan(10_000);
    const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, reply.id));
    expect(row).toMatchObject({ status: 'open', decision: null, reason: null });

    const retried = await act(police, reply.id, { decision: 'refuse', reason: '申请场景超出条件共享范围', legalBasis: secretsLaw });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'completed', decision: 'refuse', reason: '申请场景超出条件共享范围' });
  }, 60_000);

  it('counts only written reasons: blank and format characters (U+200B, U+3000, U+2028) are not reasons', async () => {
    const { workflowId, reply } = await caseAtProviderReply();
    const failure = await updateFailure(
      stack.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: reply.id, actor: people.hbGat, decision: 'refuse', reason: '\u200b\u3000\u2028\ufeff' }],
      }),
    );
    expect(failure.type).toBe(taskRejections.reasonRequired);
    const throughTheApi = await act(police, reply.id, { decision: 'refuse', reason: ' \u200b ' });
    expect(throughTheApi.statusCode, throughTheApi.body).toBe(422);
    expect(throughTheApi.json().errors[0].path).toBe('body.reason');
  }, 60_000);

  it('counts no invisible or unreadable character as a reason: U+2800, the Hangul fillers, default-ignorables, lone combining marks, private-use and unassigned code points', async () => {
    const { workflowId, reply } = await caseAtProviderReply();
    const handle = stack.client.workflow.getHandle(workflowId);
    for (const reason of ['\u2800\u3164\u2800', '\u3164', '\uffa0', '\u115f\u1160', '\u2800', '\u034f\u180e\ufe0f\u{e0020}', '\u{1d173}\u2800', '\u0301\u0301', '\ue000', '\u0378\ufffc']) {
      const failure = await updateFailure(
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: reply.id, actor: people.hbGat, decision: 'refuse', reason, legalBasis: secretsLaw }] }),
      );
      expect(failure.type, JSON.stringify(reason)).toBe(taskRejections.reasonRequired);
      const throughTheApi = await act(police, reply.id, { decision: 'refuse', reason, legalBasis: secretsLaw });
      expect(throughTheApi.statusCode, throughTheApi.body).toBe(422);
      expect(throughTheApi.json().errors[0].path).toBe('body.reason');
    }
    const [row] = await stack.db.select().from(tasks).where(eq(tasks.id, reply.id));
    expect(row).toMatchObject({ status: 'open', decision: null, reason: null });
  }, 60_000);
});
