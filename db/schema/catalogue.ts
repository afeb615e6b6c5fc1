import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from './organisation';

export const sharingAttributes = ['unconditional', 'conditional', 'not-shared'] as const;
export type SharingAttribute = (typeof sharingAttributes)[number];

/** A government data catalogue entry (Hebei draft art. 9, 15; Anhui art. 13, 22). */
export const catalogueEntries = pgTable('catalogue_entries', {
  id: text().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  providerDepartmentId: text()
    .notNull()
    .references(() => departments.id),
  sharingAttribute: text({ enum: sharingAttributes }).notNull(),
  updateFrequency: text().notNull(),
  securityLevel: text().notNull(),
  scopeOfUse: text().notNull(),
  conditions: text(),
  legalBasis: text(),
  dataFormat: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
