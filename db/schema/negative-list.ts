import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { catalogueEntries } from './catalogue';
import { requests } from './requests';

/** 负面清单: entries classed "not shared" through the negative-list process, with their approval and filing. */
export const negativeList = pgTable('negative_list', {
  catalogueEntryId: text()
    .primaryKey()
    .references(() => catalogueEntries.id),
  /** The negative-list case that listed it. */
  requestId: uuid()
    .notNull()
    .references(() => requests.id),
  /** The law or administrative regulation that forbids sharing (Hebei draft art. 15; Anhui art. 22). */
  legalBasis: text().notNull(),
  approvedBy: text().notNull(),
  listedAt: timestamp({ withTimezone: true }).notNull(),
  /** 备案: when the upper-level authority recorded the filing. */
  filedAt: timestamp({ withTimezone: true }),
});
