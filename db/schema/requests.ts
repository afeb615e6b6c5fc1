import { sql } from 'drizzle-orm';
import { integer, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { catalogueEntries } from './catalogue';
import { departments, users } from './organisation';

export const processes = ['share-request', 'catalogue-change', 'quality-dispute', 'negative-list', 'data-inconsistency'] as const;
export type Process = (typeof processes)[number];

/** One case of a statutory process: the read model of its workflow. */
export const requests = pgTable(
  'requests',
  {
    id: uuid().primaryKey(),
    /**
     * 受理编号: the case's readable number, e.g. 冀数共申〔2026〕0001号, per jurisdiction, process and year of receipt,
     * gap-free (api/case-number.ts, docs/CASE-NUMBERS.md). Set in the transaction that inserts the case; NOT NULL in the
     * database since migration 0018 filled it for every earlier case (nullable here only so that migration could add it).
     */
    caseNumber: text(),
    process: text({ enum: processes }).notNull(),
    status: text().notNull(),
    jurisdiction: text().notNull(),
    pack: text().notNull(),
    /**
     * The exact version of the pack bound at receipt (`sha256:…` of its canonical JSON; packs/data.ts), built-in or
     * published. Null for cases received before versions were bound: they run the built-in pack of `pack`.
     */
    packHash: text(),
    requesterDepartmentId: text()
      .notNull()
      .references(() => departments.id),
    providerDepartmentId: text().references(() => departments.id),
    authorityDepartmentId: text()
      .notNull()
      .references(() => departments.id),
    catalogueEntryId: text().references(() => catalogueEntries.id),
    /** 应用场景: the scenario the data may be used in (Hebei draft art. 19, 22; Anhui art. 21). */
    scenario: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    workflowId: text().notNull(),
    /**
     * The input its workflow is started with (without the pack data, which `pack` and `packHash` name), committed with
     * the case so that whoever starts it — the API, or the reconciler after the API died — starts exactly this. Null for
     * cases from before it was stored.
     */
    workflowInput: jsonb().$type<Record<string, unknown>>(),
    /**
     * When its workflow was known to be started (by the API's start call, or found or started by the reconciler). Null:
     * committed but not (yet) known to be started, which the reconciler looks for (case-start/reconciler.ts).
     */
    workflowStartedAt: timestamp({ withTimezone: true }),
    idempotencyKey: text(),
    /** sha256 of the route and the canonical JSON body first sent with `idempotencyKey`: a reuse must match it. */
    idempotencyBodyHash: text(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    outcome: text(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('requests_idempotency_idx').on(t.requesterDepartmentId, t.idempotencyKey),
    uniqueIndex('requests_case_number_idx').on(t.caseNumber),
    index('requests_catalogue_entry_idx').on(t.catalogueEntryId),
    index('requests_created_by_idx').on(t.createdBy),
    index('requests_requester_idx').on(t.requesterDepartmentId, t.createdAt),
    index('requests_provider_idx').on(t.providerDepartmentId, t.createdAt),
    index('requests_authority_idx').on(t.authorityDepartmentId, t.createdAt),
    index('requests_unstarted_idx').on(t.createdAt).where(sql`${t.workflowStartedAt} is null`),
  ],
);

/**
 * The last 受理编号 given per jurisdiction, process and year of receipt: a case's creation increments its row in the
 * transaction that inserts the case, so numbers are gap-free (a rolled-back creation gives its number back) and
 * race-free (concurrent creations queue on the row lock).
 */
export const caseNumberCounters = pgTable(
  'case_number_counters',
  {
    jurisdiction: text().notNull(),
    process: text({ enum: processes }).notNull(),
    year: integer().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdiction, t.process, t.year] })],
);
