import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, calendarAmendments, calendarRegionYears, calendarYears } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';

// 2034: a year no other test reaches, since a published year is visible to every test sharing the database.
const YEAR = 2034;
let stack: TestStack;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  stack = await startStack();
  for (const u of ['nda.qian', 'nda.feng', 'nda.gao', 'data.zhao', 'ah-data.xu', 'sjz-data.zhou', 'admin', 'mzt.li']) as[u] = await loginAs(stack.app, u);
});
afterAll(async () => {
  await stack?.db.delete(calendarAmendments).where(inArray(calendarAmendments.year, [YEAR, 2025]));
  await stack?.db.delete(calendarYears).where(eq(calendarYears.year, YEAR));
  await stack?.db.delete(calendarRegionYears).where(eq(calendarRegionYears.year, YEAR));
  await stack?.stop();
});

const national = (festivals: Array<{ festival: string; offDays: string[]; makeUpDays: string[] }>) => ({
  year: YEAR,
  notice: { title: `国务院办公厅关于${YEAR}年部分节假日安排的通知（测试）`, documentNumber: '国办发明电〔2033〕测试号', issuer: '国务院办公厅' },
  festivals,
});
const newYearOnly = national([{ festival: 'newYear', offDays: [`${YEAR}-01-02`], makeUpDays: [] }]);

const put = (who: string, payload: object, jurisdiction?: string) =>
  stack.app.inject({ method: 'PUT', url: `/api/calendar/${YEAR}${jurisdiction ? `?jurisdiction=${jurisdiction}` : ''}`, headers: as[who], payload: payload as Record<string, unknown> });
const dayOf = async (date: string, jurisdiction = 'national') =>
  (await stack.app.inject({ method: 'GET', url: `/api/calendar/${date.slice(0, 4)}?jurisdiction=${jurisdiction}`, headers: as['mzt.li'] })).json().days.find((d: { date: string }) => d.date === date);

describe('who publishes the holiday calendar, and how a year in force changes', () => {
  it('lets only the national authority (or an admin) publish a national year: not a province, a city or a reviewer', async () => {
    for (const who of ['data.zhao', 'ah-data.xu', 'sjz-data.zhou', 'nda.gao', 'mzt.li']) {
      const refused = await put(who, newYearOnly);
      expect(refused.statusCode, who).toBe(403);
    }
    expect((await dayOf(`${YEAR}-01-02`)).kind).toBe('workday');
    const published = await put('nda.qian', newYearOnly);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ year: YEAR, jurisdiction: 'national', status: 'published' });
    expect(await dayOf(`${YEAR}-01-02`)).toMatchObject({ kind: 'holiday', working: false });
  });

  it('never overwrites a year in force, built-in or published: a second PUT is a 409 and changes nothing', async () => {
    const builtIn = await stack.app.inject({
      method: 'PUT',
      url: '/api/calendar/2025',
      headers: as['nda.qian'],
      payload: { ...newYearOnly, year: 2025, festivals: [{ festival: 'newYear', offDays: ['2025-01-02'], makeUpDays: [] }] },
    });
    expect(builtIn.statusCode).toBe(409);
    expect(builtIn.json().detail).toContain('amendment');
    expect((await dayOf('2025-01-02')).kind).toBe('workday');
    const again = await put('admin', national([{ festival: 'newYear', offDays: [`${YEAR}-01-03`], makeUpDays: [] }]));
    expect(again.statusCode).toBe(409);
    expect((await dayOf(`${YEAR}-01-03`)).kind).toBe('workday');
  });

  it("lets a province change only its own region's overlay — on a year in force, with a second keeper — which leaves its other years as they were", async () => {
    const overlay = { ...newYearOnly, notice: { title: '河北省地方节假日安排（测试）', documentNumber: '', issuer: '河北省人民政府办公厅' }, festivals: [{ festival: 'midAutumn', offDays: [`${YEAR}-06-06`], makeUpDays: [] }] };
    expect((await put('ah-data.xu', overlay, 'hebei')).statusCode).toBe(403);
    expect((await put('sjz-data.zhou', overlay, 'hebei')).statusCode).toBe(403);
    expect((await put('data.zhao', overlay, 'nowhere')).json().errors[0].path).toBe('query.jurisdiction');
    // The national year is in force (published above), so it is Hebei's year too: its first regional days move
    // deadlines already running there, and are an amendment one keeper proposes and another approves.
    const alone = await put('data.zhao', overlay, 'hebei');
    expect(alone.statusCode).toBe(409);
    expect(alone.json().detail).toContain('amendment');
    expect(await dayOf(`${YEAR}-06-06`, 'hebei')).toMatchObject({ kind: 'workday' });
    const proposed = await stack.app.inject({ method: 'POST', url: `/api/calendar/${YEAR}/amendments?jurisdiction=hebei`, headers: as['data.zhao'], payload: { schedule: overlay, reason: '本省增设地方节日（测试）' } });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(await dayOf(`${YEAR}-06-06`, 'hebei')).toMatchObject({ kind: 'workday' });
    const approved = await stack.app.inject({ method: 'POST', url: `/api/calendar/${YEAR}/amendments/${proposed.json().id}/approve`, headers: as.admin, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await dayOf(`${YEAR}-06-06`, 'hebei')).toMatchObject({ kind: 'regional-holiday', working: false });
    expect(await dayOf(`${YEAR}-06-06`, 'anhui')).toMatchObject({ kind: 'workday' });
    expect(await dayOf(`${YEAR}-06-06`)).toMatchObject({ kind: 'workday' });
    // A 2025 Hebei deadline is exactly what it was: no regional year became "unknown".
    const deadline = await stack.app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2025-09-28&n=3&jurisdiction=hebei', headers: as['mzt.li'] });
    expect(deadline.json()).toMatchObject({ due: '2025-10-09', provisional: false });
  });

  it('amends a year in force only when a second keeper approves: the proposal changes nothing, shows what it would move, and its proposer cannot approve it', async () => {
    const amended = national([
      { festival: 'newYear', offDays: [`${YEAR}-01-02`], makeUpDays: [] },
      { festival: 'labourDay', offDays: [`${YEAR}-05-01`, `${YEAR}-05-02`], makeUpDays: [] },
    ]);
    const unchanged = await stack.app.inject({ method: 'POST', url: `/api/calendar/${YEAR}/amendments`, headers: as['nda.qian'], payload: { schedule: newYearOnly, reason: '无变化' } });
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().errors[0].path).toBe('body.schedule');
    const byProvince = await stack.app.inject({ method: 'POST', url: `/api/calendar/${YEAR}/amendments`, headers: as['data.zhao'], payload: { schedule: amended, reason: '测试' } });
    expect(byProvince.statusCode).toBe(403);

    const proposed = await stack.app.inject({
      method: 'POST',
      url: `/api/calendar/${YEAR}/amendments`,
      headers: as['nda.qian'],
      payload: { schedule: amended, reason: '国办发明电〔2034〕测试号：劳动节调整' },
    });
    expect(proposed.statusCode).toBe(201);
    const amendment = proposed.json();
    expect(amendment).toMatchObject({ status: 'pending', jurisdiction: 'national', year: YEAR, baseVersion: 1, proposedBy: 'u-nda-qian' });
    expect(amendment.wouldMove.days).toEqual([
      { date: `${YEAR}-05-01`, from: 'workday', to: 'holiday (劳动节 Labour Day)' },
      { date: `${YEAR}-05-02`, from: 'workday', to: 'holiday (劳动节 Labour Day)' },
    ]);
    expect(await dayOf(`${YEAR}-05-01`)).toMatchObject({ kind: 'workday' });

    const pending = await stack.app.inject({ method: 'GET', url: `/api/calendar/amendments?year=${YEAR}`, headers: as['nda.feng'] });
    expect(pending.json().map((a: { id: string }) => a.id)).toContain(amendment.id);
    // A province's keeper does not see (or decide) the national calendar's amendments.
    const hidden = await stack.app.inject({ method: 'GET', url: `/api/calendar/amendments?year=${YEAR}`, headers: as['data.zhao'] });
    expect(hidden.json().map((a: { id: string }) => a.id)).not.toContain(amendment.id);
    const approveUrl = `/api/calendar/${YEAR}/amendments/${amendment.id}/approve`;
    expect((await stack.app.inject({ method: 'POST', url: approveUrl, headers: as['data.zhao'], payload: {} })).statusCode).toBe(404);
    expect((await stack.app.inject({ method: 'POST', url: approveUrl, headers: as['nda.gao'], payload: {} })).statusCode).toBe(403);

    const own = await stack.app.inject({ method: 'POST', url: approveUrl, headers: as['nda.qian'], payload: {} });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toContain('Four eyes');
    expect(await dayOf(`${YEAR}-05-01`)).toMatchObject({ kind: 'workday' });

    const approved = await stack.app.inject({ method: 'POST', url: approveUrl, headers: as['nda.feng'], payload: { note: '已核对通知原文' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'u-nda-feng', proposedBy: 'u-nda-qian', workflowsToRecompute: expect.any(Number) });
    expect(await dayOf(`${YEAR}-05-01`)).toMatchObject({ kind: 'holiday', working: false });
    expect((await stack.app.inject({ method: 'POST', url: approveUrl, headers: as.admin, payload: {} })).statusCode).toBe(409);

    // Both people are in the audit trail, and what the year read before is kept.
    const audit = await stack.db
      .select()
      .from(auditLog)
      .where(and(inArray(auditLog.action, ['calendar.amendment-proposed', 'calendar.amendment-approved']), sql`${auditLog.details}->>'amendmentId' = ${amendment.id}`));
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([
      ['calendar.amendment-proposed', 'u-nda-qian'],
      ['calendar.amendment-approved', 'u-nda-feng'],
    ]);
    expect(audit[1]!.details).toMatchObject({ proposedBy: 'u-nda-qian', approvedBy: 'u-nda-feng', fromVersion: 1, toVersion: 2 });
    const [stored] = await stack.db.select().from(calendarAmendments).where(eq(calendarAmendments.id, amendment.id));
    expect(stored?.previousSchedule).toMatchObject({ festivals: newYearOnly.festivals });
  });

  it('amends a built-in year the same way, and a rejected amendment changes nothing', async () => {
    const year2025 = (await stack.app.inject({ method: 'GET', url: '/api/calendar/2025', headers: as['mzt.li'] })).json();
    const schedule = { year: 2025, notice: year2025.notice, festivals: [...year2025.festivals, { festival: 'newYear', offDays: ['2025-01-02'], makeUpDays: [] }].slice(1) };
    const proposed = await stack.app.inject({ method: 'POST', url: '/api/calendar/2025/amendments', headers: as['nda.feng'], payload: { schedule, reason: '测试：驳回' } });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({ baseVersion: 0, status: 'pending' });
    expect(proposed.json().wouldMove.days.length).toBeGreaterThan(0);
    // A bare POST (no body) decides too.
    const rejected = await stack.app.inject({ method: 'POST', url: `/api/calendar/2025/amendments/${proposed.json().id}/reject`, headers: as.admin });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decidedBy: 'u-admin', decisionNote: null });
    expect((await dayOf('2025-01-02')).kind).toBe('workday');
    const approveAfter = await stack.app.inject({ method: 'POST', url: `/api/calendar/2025/amendments/${proposed.json().id}/approve`, headers: as['nda.qian'], payload: {} });
    expect(approveAfter.statusCode).toBe(409);
    expect((await dayOf('2025-01-02')).kind).toBe('workday');
  });
});
