import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { YearSchedule } from '../../calendar';
import { users } from './organisation';

/** Holiday schedules published at run time (a new State Council notice); they override the built-in year. */
export const calendarYears = pgTable('calendar_years', {
  year: integer().primaryKey(),
  schedule: jsonb().$type<YearSchedule>().notNull(),
  publishedBy: text()
    .notNull()
    .references(() => users.id),
  publishedAt: timestamp({ withTimezone: true }).notNull(),
});
