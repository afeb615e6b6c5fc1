import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './organisation';
import { requests } from './requests';
import { tasks } from './tasks';

/** The rungs, in ladder order (see rules/ladder.ts: which a step gets depends on whose duty it is and on its basis). */
export const escalationRungs = [
  'reminder',
  'overdue',
  'rectification',
  'circular-criticism',
  'government-report',
  'correction-order',
  'oversight-report',
] as const;
export type EscalationRung = (typeof escalationRungs)[number];

/** One rung of a step's escalation ladder that has fired. */
export const escalations = pgTable(
  'escalations',
  {
    /** `${taskId}/${rung}`: a rung fires once per task. */
    id: text().primaryKey(),
    taskId: text()
      .notNull()
      .references(() => tasks.id),
    requestId: uuid()
      .notNull()
      .references(() => requests.id),
    rung: text({ enum: escalationRungs }).notNull(),
    /** The instant the rung was due to fire (the workflow's timer). */
    scheduledAt: timestamp({ withTimezone: true }).notNull(),
    firedAt: timestamp({ withTimezone: true }).notNull(),
    responsibleDepartmentId: text()
      .notNull()
      .references(() => departments.id),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('escalations_request_idx').on(t.requestId)],
);

/** An in-app notification, addressed to a role in a department (every user holding it sees it) or to one user. */
export const notifications = pgTable(
  'notifications',
  {
    id: text().primaryKey(),
    recipientDepartmentId: text()
      .notNull()
      .references(() => departments.id),
    recipientRole: text(),
    recipientUserId: text().references(() => users.id),
    kind: text().notNull(),
    titleZh: text().notNull(),
    titleEn: text().notNull(),
    requestId: uuid().references(() => requests.id),
    taskId: text().references(() => tasks.id),
    escalationId: text().references(() => escalations.id),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('notifications_recipient_idx').on(t.recipientDepartmentId, t.createdAt)],
);

/** Which user has read which notification: the inbox is per user even when a notice goes to a role. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: text()
      .notNull()
      .references(() => notifications.id),
    userId: text()
      .notNull()
      .references(() => users.id),
    readAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
