import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RegionYear, YearSchedule } from '../../calendar';
import { users } from './organisation';

/**
 * National holiday schedules published at run time (a new State Council notice) beyond the built-in years. A row is
 * written once when the year is first published, and afterwards only by an approved amendment, which bumps `version`;
 * what it replaced stays in `calendar_amendments`.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer().primaryKey(),
  schedule: jsonb().$type<YearSchedule>().notNull(),
  publishedBy: text()
    .notNull()
    .references(() => users.id),
  publishedAt: timestamp({ withTimezone: true }).notNull(),
  /** 1 when first published; +1 for each approved amendment. */
  version: integer().notNull().default(1),
  amendedAt: timestamp({ withTimezone: true }),
});

/**
 * A region's overlay years published at run time (the province's own notice of regional days off), beyond the
 * built-in overlays; written and amended like `calendar_years`.
 */
export const calendarRegionYears = pgTable(
  'calendar_region_years',
  {
    /** The region's jurisdiction id (`hebei`, `anhui`, `xinjiang` …). */
    jurisdiction: text().notNull(),
    year: integer().notNull(),
    schedule: jsonb().$type<RegionYear>().notNull(),
    publishedBy: text()
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
    amendedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.jurisdiction, t.year] })],
);

export const calendarAmendmentStatuses = ['pending', 'approved', 'rejected'] as const;
export type CalendarAmendmentStatus = (typeof calendarAmendmentStatuses)[number];

/**
 * A change to a year already in force, proposed by one keeper of that calendar and approved (or rejected) by another:
 * four eyes. It takes effect, and open cases re-plan, only on approval.
 */
export const calendarAmendments = pgTable(
  'calendar_amendments',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** `national`, or the region's jurisdiction id. */
    jurisdiction: text().notNull(),
    year: integer().notNull(),
    /** The version in force when proposed (0: the built-in year); approval fails if it has moved on since. */
    baseVersion: integer().notNull(),
    /** The year as it would read after the amendment. */
    schedule: jsonb().$type<YearSchedule | RegionYear>().notNull(),
    /** The year as it read when proposed, kept so an amended year is never lost. */
    previousSchedule: jsonb().$type<YearSchedule | RegionYear>().notNull(),
    reason: text().notNull(),
    status: text({ enum: calendarAmendmentStatuses }).notNull().default('pending'),
    proposedBy: text()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull(),
    decidedBy: text().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [index('calendar_amendments_status_idx').on(t.status, t.jurisdiction, t.year)],
);
