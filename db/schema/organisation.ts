import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Government bodies: departments, the competent data authority, the people's government, the upper-level authority. */
export const departments = pgTable('departments', {
  id: text().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  kind: text({ enum: ['department', 'authority', 'government', 'upper-authority'] }).notNull(),
  level: text({ enum: ['national', 'province', 'city', 'county'] }).notNull(),
  jurisdiction: text().notNull(),
  /** The competent data authority this body answers to at its own level (null for an authority itself). */
  authorityId: text(),
  /** The people's government at the same level. */
  governmentId: text(),
  /** The authority one level up, which receives filings (备案). */
  upperAuthorityId: text(),
});

export const roles = [
  'requester',
  'provider',
  'authority-reviewer',
  'authority-supervisor',
  'government-approver',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const users = pgTable(
  'users',
  {
    id: text().primaryKey(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    departmentId: text()
      .notNull()
      .references(() => departments.id),
    roles: text().array().$type<Role[]>().notNull(),
    passwordHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_department_idx').on(t.departmentId)],
);

/**
 * Login sessions; only a hash of the bearer token is stored. A session ends at `expiresAt`, when idle for longer than
 * the configured idle time since `lastSeenAt`, or when revoked (sign-out, the user revoking it, a password change).
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    /** The session's public name (for the user's list and for revoking it); never the token. */
    id: uuid().notNull().unique().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Last authenticated request, to the minute. */
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    /** The browser or client that signed in, as it named itself (shown to the user, never trusted). */
    userAgent: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Keys for department systems calling the API; only a hash is stored, and a revoked key stops working at once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text().primaryKey(),
    departmentId: text()
      .notNull()
      .references(() => departments.id),
    name: text().notNull(),
    /** The roles the key acts with: a subset of its creator's. */
    roles: text().array().$type<Role[]>().notNull(),
    keyHash: text().notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    /** Optional: the key stops working at this instant. */
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('api_keys_department_idx').on(t.departmentId)],
);

/**
 * A person's calendar subscription (日历订阅): a secret URL a calendar client fetches without a bearer header. Only a
 * hash of the token is stored; the URL is shown once. A person has at most one feed in use; re-creating it revokes the
 * old one, and a revoked feed answers 410 at once.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    /** The feed's public name (for the audit trail); never the token. */
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    /** Last fetched by a calendar client, to the minute. */
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('calendar_feeds_one_in_use_idx').on(t.userId).where(sql`${t.revokedAt} is null`)],
);
