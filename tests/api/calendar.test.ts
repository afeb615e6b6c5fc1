import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let department: Record<string, string>;
let supervisor: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  department = await loginAs(stack.app, 'mzt.li');
  supervisor = await loginAs(stack.app, 'nda.qian');
});
afterAll(() => stack?.stop());

const notice2031 = {
  title: '国务院办公厅关于2031年部分节假日安排的通知',
  documentNumber: '国办发明电〔2026〕0号',
  issuer: '国务院办公厅',
};

describe('the calendar through the API', () => {
  it('explains a deadline: 3 working days from Sunday 2025-09-28 skip the 8-day National Day and end on 2025-10-09', async () => {
    const response = await stack.app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2025-09-28&n=3', headers: department });
    expect(response.statusCode).toBe(200);
    const deadline = response.json();
    expect(deadline.due).toBe('2025-10-09');
    expect(deadline.endsAt).toBe('2025-10-10T00:00:00+08:00');
    expect(deadline.skipped.filter((d: { reason: string }) => d.reason === 'holiday')).toHaveLength(8);
    expect(deadline.provisional).toBe(false);
    expect(deadline.rule).toContain('第二百零一条');
  });

  it('counts 元旦 of unpublished 2027 off (holiday measures, Order No. 795, art. 2) and says why the date is provisional', async () => {
    const response = await stack.app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2026-12-31&n=1', headers: department });
    expect(response.statusCode).toBe(200);
    const deadline = response.json();
    expect(deadline).toMatchObject({ due: '2027-01-04', provisional: true });
    expect(deadline.skipped[0]).toEqual({ date: '2027-01-01', reason: 'holiday', name: "元旦 New Year's Day" });
    expect(deadline.provisionalReason).toContain('计入法定节假日');
    expect(deadline.provisionalReason).toContain('the adjustment (调休) is not yet published; the date may move');
    const year = (await stack.app.inject({ method: 'GET', url: '/api/calendar/2027', headers: department })).json();
    expect(year.days.find((d: { date: string }) => d.date === '2027-02-05')).toMatchObject({ working: false, kind: 'holiday', provisional: true });
  });

  it('names the field of a bad deadline query', async () => {
    const badDate = await stack.app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2025-13-40&n=3', headers: department });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].path).toBe('query.start');
    const badN = await stack.app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2025-09-28&n=-1', headers: department });
    expect(badN.statusCode).toBe(400);
    expect(badN.json().errors[0].path).toBe('query.n');
  });

  it('shows a year day by day, make-up days included, and an unknown year as provisional', async () => {
    const year = (await stack.app.inject({ method: 'GET', url: '/api/calendar/2025', headers: department })).json();
    expect(year.days).toHaveLength(365);
    expect(year.status).toBe('built-in');
    expect(year.days.find((d: { date: string }) => d.date === '2025-09-28')).toMatchObject({ working: true, kind: 'make-up' });
    const unknown = (await stack.app.inject({ method: 'GET', url: '/api/calendar/2031', headers: department })).json();
    expect(unknown).toMatchObject({ status: 'unknown', provisional: true });
  });

  it('lets only the national authority publish a national year, and rejects a day both off and make-up, naming it', async () => {
    const payload = {
      year: 2031,
      notice: notice2031,
      festivals: [{ festival: 'newYear', offDays: ['2031-01-01'], makeUpDays: [] }],
    };
    const byDepartment = await stack.app.inject({ method: 'PUT', url: '/api/calendar/2031', headers: department, payload });
    expect(byDepartment.statusCode).toBe(403);

    const clash = await stack.app.inject({
      method: 'PUT',
      url: '/api/calendar/2031',
      headers: supervisor,
      payload: { ...payload, festivals: [{ festival: 'springFestival', offDays: ['2031-01-25'], makeUpDays: ['2031-01-25'] }] },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors.map((e: { path: string }) => e.path).join(' ')).toContain('body.festivals[0]');

    const outside = await stack.app.inject({
      method: 'PUT',
      url: '/api/calendar/2031',
      headers: supervisor,
      payload: { ...payload, festivals: [{ festival: 'newYear', offDays: ['2030-12-31'], makeUpDays: [] }] },
    });
    expect(outside.statusCode).toBe(400);

    const noCitation = await stack.app.inject({
      method: 'PUT',
      url: '/api/calendar/2031',
      headers: supervisor,
      payload: { year: 2031, festivals: payload.festivals },
    });
    expect(noCitation.statusCode).toBe(400);
    expect(noCitation.json().errors[0].path).toBe('body.notice');

    const stillUnknown = (await stack.app.inject({ method: 'GET', url: '/api/calendar/2031', headers: department })).json();
    expect(stillUnknown.status).toBe('unknown');
  });
});
