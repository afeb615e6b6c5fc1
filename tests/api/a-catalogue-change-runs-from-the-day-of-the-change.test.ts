import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { createCatalogueEntry } from '../support/cases';
import { beijingDate } from '../support/fixtures';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * A catalogue change's period runs from the day the law or duties changed (Hebei: 自变化之日起; Anhui art. 15:
 * 自变更之日起), not from the day it is filed: a change filed late is late from that day. The department states the day
 * and the cause; a cause the case's text does not name is refused with the article.
 */
let stack: TestStack;
let hebei: Record<string, string>;
let anhui: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  hebei = await loginAs(stack.app, 'mzt.li');
  anhui = await loginAs(stack.app, 'ah-gat.he');
});
afterAll(() => stack?.stop());

const post = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  stack.app.inject({ method: 'POST', url: '/api/catalogue-changes', headers, payload });

async function submitTask(requestId: string): Promise<{ dueAt: string; deadline: { start: string } }> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    const list = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: hebei })).json() as Array<{ requestId: string; dueAt: string; deadline: { start: string } }>;
    const found = list.find((t) => t.requestId === requestId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no submit-update task');
}

describe('a catalogue change', () => {
  it('is due 10 working days after the day of the change, however late it is filed', async () => {
    const entry = await createCatalogueEntry(stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional' });
    const changedAt = beijingDate(20);
    const created = await post(hebei, { catalogueEntryId: entry.id, trigger: 'duty-change', changedAt, description: '三定方案调整后职责变化' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().details).toMatchObject({ trigger: 'duty-change', changedAt });
    const task = await submitTask(created.json().id);
    const expected = nationalCalendar.deadline({ start: `${changedAt}T00:00:00+08:00`, n: 10, unit: 'working-days', jurisdiction: 'hebei' });
    expect(task.dueAt).toBe(new Date(expected.endsAt).toISOString());
    expect(Date.parse(task.dueAt)).toBeLessThan(Date.now());
  });

  it('must say on which day it changed: missing, impossible or in the future, the field is named', async () => {
    const entry = await createCatalogueEntry(stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional' });
    const base = { catalogueEntryId: entry.id, trigger: 'law-change', description: '条例修订' };
    const missing = await post(hebei, base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('body.changedAt');
    const impossible = await post(hebei, { ...base, changedAt: '2026-02-30' });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().errors[0].path).toBe('body.changedAt');
    const future = await post(hebei, { ...base, changedAt: beijingDate(-2) });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].path).toBe('body.changedAt');
  });

  it('takes only a cause the text names: Anhui art. 15 names amended rules and changed functions, not institutional reform', async () => {
    const entry = await createCatalogueEntry(stack.db, { provider: 'ah-gat', sharingAttribute: 'conditional' });
    const reform = await post(anhui, { catalogueEntryId: entry.id, trigger: 'institutional-reform', changedAt: beijingDate(1), description: '机构改革' });
    expect(reform.statusCode).toBe(422);
    expect(reform.json().errors[0].path).toBe('body.trigger');
    expect(reform.json().errors[0].message).toContain('第15条');
    expect((await post(anhui, { catalogueEntryId: entry.id, trigger: 'duty-change', changedAt: beijingDate(1), description: '职能变化' })).statusCode).toBe(201);
  });

  it('takes another cause under the Hebei Measures, whose list is open (等原因)', async () => {
    const entry = await createCatalogueEntry(stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional' });
    const other = await post(hebei, { catalogueEntryId: entry.id, trigger: 'other', changedAt: beijingDate(1), description: '数据标准调整' });
    expect(other.statusCode, other.body).toBe(201);
  });
});
