import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntries } from '../../db/schema';
import { createCatalogueEntry } from '../support/cases';
import { beijingDate } from '../support/fixtures';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * A department once emptied a required field of its entry through a catalogue change (`nameZh: null`): the approval
 * then failed in the database and the case failed for good, never applied. The update is now checked when it is
 * submitted, naming the field, and the case goes on.
 */
let stack: TestStack;
let department: Record<string, string>;
let reviewer: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  department = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
});
afterAll(() => stack?.stop());

async function taskOf(headers: Record<string, string>, requestId: string, step: string): Promise<string> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    const list = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers })).json() as Array<{ id: string; requestId: string; step: string }>;
    const found = list.find((t) => t.requestId === requestId && t.step === step);
    if (found) return found.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${step} task`);
}

const complete = (headers: Record<string, string>, taskId: string, body: Record<string, unknown>) =>
  stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers, payload: body });

describe('a catalogue update', () => {
  it('cannot empty a required field or set one a change does not set; a good one is applied on approval', async () => {
    const entry = await createCatalogueEntry(stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional' });
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/catalogue-changes',
      headers: department,
      payload: { catalogueEntryId: entry.id, trigger: 'duty-change', changedAt: beijingDate(), description: '职责调整' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const submit = await taskOf(department, created.json().id, 'submit-update');

    const emptied = await complete(department, submit, { decision: 'submitted', payload: { nameZh: null, scopeOfUse: null } });
    expect(emptied.statusCode).toBe(422);
    expect(emptied.json().errors[0].path).toBe('body.payload.nameZh');
    const reclassed = await complete(department, submit, { decision: 'submitted', payload: { sharingAttribute: 'not-shared' } });
    expect(reclassed.statusCode).toBe(422);
    expect(reclassed.json().errors[0].path).toBe('body.payload.sharingAttribute');
    expect(reclassed.json().errors[0].messageZh).toContain('负面清单');

    expect((await complete(department, submit, { decision: 'submitted', payload: { scopeOfUse: '婚姻登记', conditions: null } })).statusCode).toBe(200);
    const review = await taskOf(reviewer, created.json().id, 'review-update');
    expect((await complete(reviewer, review, { decision: 'approve' })).statusCode).toBe(200);
    for (const until = Date.now() + 30_000; Date.now() < until; ) {
      const [row] = await stack.db.select().from(catalogueEntries).where(eq(catalogueEntries.id, entry.id));
      if (row!.scopeOfUse === '婚姻登记') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [after] = await stack.db.select().from(catalogueEntries).where(eq(catalogueEntries.id, entry.id));
    expect(after).toMatchObject({ scopeOfUse: '婚姻登记', conditions: null, nameZh: entry.nameZh });
  });
});
