import { max, count } from 'drizzle-orm';
import { createCalendar, nationalCalendar, type Calendar, type YearSchedule } from '../calendar';
import { appendAudit, type AuditEvent } from './audit';
import type { Db } from './client';
import { calendarYears } from './schema';

/**
 * The calendar in force: the built-in years plus those published at run time. Rebuilt only when the published set
 * changes, which every API instance and worker notices on its next read.
 */
export class CalendarStore {
  private cached: { key: string; calendar: Calendar } = { key: '0:', calendar: nationalCalendar };
  private checkedAt = -Infinity;

  /**
   * @param freshnessMs how long a check of the published years is trusted. The API, which asks on every list, can
   * trust it for a second; the worker must not (0), because a publication signals workflows to recompute at once.
   */
  constructor(
    private readonly db: Db,
    private readonly freshnessMs = 0,
  ) {}

  async current(): Promise<Calendar> {
    if (Date.now() - this.checkedAt < this.freshnessMs) return this.cached.calendar;
    const [stamp] = await this.db
      .select({ n: count(), latest: max(calendarYears.publishedAt) })
      .from(calendarYears);
    const key = `${stamp?.n ?? 0}:${stamp?.latest?.toISOString() ?? ''}`;
    if (key !== this.cached.key) {
      const rows = await this.db.select().from(calendarYears);
      this.cached = { key, calendar: createCalendar({ extraYears: rows.map((r) => r.schedule) }) };
    }
    this.checkedAt = Date.now();
    return this.cached.calendar;
  }

  async published(year: number): Promise<typeof calendarYears.$inferSelect | undefined> {
    const rows = await this.db.select().from(calendarYears);
    return rows.find((r) => r.year === year);
  }

  /**
   * Stores a year's schedule (replacing an earlier publication of the same year) together with its audit row, in one
   * transaction: a publication nobody recorded must not be in force. Validate before calling.
   */
  async publish(schedule: YearSchedule, publishedBy: string, at: Date, audit: AuditEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(calendarYears)
        .values({ year: schedule.year, schedule, publishedBy, publishedAt: at })
        .onConflictDoUpdate({ target: calendarYears.year, set: { schedule, publishedBy, publishedAt: at } });
      await appendAudit(tx, audit);
    });
    this.checkedAt = -Infinity;
  }
}
