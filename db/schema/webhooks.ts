import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from './organisation';
import { notifications } from './escalations';

/** A department's outbound webhook: its notifications are POSTed there, signed with HMAC-SHA256 of the body. */
export const departmentWebhooks = pgTable('department_webhooks', {
  departmentId: text()
    .primaryKey()
    .references(() => departments.id),
  url: text().notNull(),
  /** The shared secret for the signature; shown once when set. */
  secret: text().notNull(),
  active: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One notification delivered to one webhook; its id is the delivery id the receiver deduplicates by. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text().primaryKey(),
    notificationId: text()
      .notNull()
      .references(() => notifications.id),
    departmentId: text()
      .notNull()
      .references(() => departments.id),
    attempts: integer().notNull().default(0),
    lastStatus: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('webhook_deliveries_department_idx').on(t.departmentId)],
);
