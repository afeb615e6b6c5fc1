import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarRegionYears } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * One keeper could publish a province's overlays for the years ahead with every weekday off, pushing each open
 * deadline past the years the calendar covers, or every weekend a working day, bringing every deadline forward. A
 * publication beyond anything a notice has done is refused, naming
 * the field (a local-policy plausibility bound, api/calendar-plausibility.ts).
 */
// 2033: a year no other test publishes for Hebei (a published year is visible to every test sharing the database).
const YEAR = 2033;
let stack: TestStack;
let keeper: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  keeper = await loginAs(stack.app, 'data.zhao');
});
afterAll(async () => {
  await stack?.db.delete(calendarRegionYears).where(and(eq(calendarRegionYears.jurisdiction, 'hebei'), eq(calendarRegionYears.year, YEAR)));
  await stack?.stop();
});

const notice = { title: '河北省地方节假日安排（测试）', documentNumber: '', issuer: '河北省人民政府办公厅' };
const put = (festivals: Array<{ festival: string; offDays: string[]; makeUpDays: string[] }>) =>
  stack.app.inject({ method: 'PUT', url: `/api/calendar/${YEAR}?jurisdiction=hebei`, headers: keeper, payload: { year: YEAR, notice, festivals } });

/** The dates of `month` (1–12) of YEAR from day `from` to day `to`. */
const days = (month: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${YEAR}-${String(month).padStart(2, '0')}-${String(from + i).padStart(2, '0')}`);

describe('a regional overlay beyond any notice', () => {
  it('is refused when one festival takes more than 12 days off, naming its offDays', async () => {
    const response = await put([{ festival: 'midAutumn', offDays: days(3, 1, 20), makeUpDays: [] }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.festivals[0].offDays');
    expect(response.json().errors[0].messageZh).toContain('本地政策');
  });

  it('is refused when it takes more than 10 weekdays off in the year, naming the festivals', async () => {
    const response = await put([
      { festival: 'midAutumn', offDays: days(3, 2, 13), makeUpDays: [] },
      { festival: 'dragonBoat', offDays: days(4, 6, 17), makeUpDays: [] },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain('body.festivals');
  });

  it('is refused when it makes more than 2 weekend days working days (each shortens every period it falls in)', async () => {
    // Saturdays and Sundays of March 2033.
    const response = await put([{ festival: 'midAutumn', offDays: [], makeUpDays: [`${YEAR}-03-05`, `${YEAR}-03-06`, `${YEAR}-03-12`] }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain('body.festivals');
  });

  it('is refused when it makes a national day off a working day, naming the day', async () => {
    // 1 October is National Day by the holiday measures in every year, published or not.
    const response = await put([{ festival: 'nationalDay', offDays: [], makeUpDays: [`${YEAR}-10-01`] }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.festivals[0].makeUpDays[0]');
    expect(response.json().errors[0].messageZh).toContain('全国法定节假日');
  });

  it('is published when it is like what regions have done (a few days of its own)', async () => {
    const response = await put([{ festival: 'midAutumn', offDays: days(6, 6, 7), makeUpDays: [] }]);
    expect(response.statusCode, response.body).toBe(200);
  });
});
