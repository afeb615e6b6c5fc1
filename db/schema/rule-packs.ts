import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RulePack } from '../../rules';
import { users } from './organisation';

/**
 * Rule-pack versions published at run time (docs/RULES.md, "Packs as data"), beyond the built-in packs. A row is
 * written once, when a second keeper approves its proposal, and never changed: an edit is a new version with its own
 * hash. A case binds one version by `hash` at receipt (`requests.pack_hash`) and keeps it.
 */
export const rulePackVersions = pgTable(
  'rule_pack_versions',
  {
    /** `sha256:` and the hex sha256 of the pack's canonical JSON (packs/data.ts). */
    hash: text().primaryKey(),
    packId: text().notNull(),
    jurisdiction: text().notNull(),
    /** The pack's own `version` (semver). */
    version: text().notNull(),
    /** Cases received on or after this Asia/Shanghai date (YYYY-MM-DD), while the text is in force, bind this version. */
    effectiveFrom: text().notNull(),
    pack: jsonb().$type<RulePack>().notNull(),
    proposalId: uuid().notNull(),
    proposedBy: text()
      .notNull()
      .references(() => users.id),
    publishedBy: text()
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('rule_pack_versions_pack_idx').on(t.jurisdiction, t.packId, t.effectiveFrom)],
);

/**
 * The data of each built-in pack version a case was bound to, kept when it is first bound: a built-in version is gone
 * from the code once its pack changes, while its cases still run it (the data is in their histories) and the API
 * still shows them by it. Never used to bind a case.
 */
export const rulePackBuiltInVersions = pgTable('rule_pack_built_in_versions', {
  hash: text().primaryKey(),
  packId: text().notNull(),
  version: text().notNull(),
  pack: jsonb().$type<RulePack>().notNull(),
  firstBoundAt: timestamp({ withTimezone: true }).notNull(),
});

export const rulePackProposalStatuses = ['pending', 'approved', 'rejected'] as const;
export type RulePackProposalStatus = (typeof rulePackProposalStatuses)[number];

/** A pack version proposed by one keeper and approved (published) or rejected by another: four eyes. */
export const rulePackProposals = pgTable(
  'rule_pack_proposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    packId: text().notNull(),
    jurisdiction: text().notNull(),
    hash: text().notNull(),
    /** The version new cases of this pack id bound when proposed (built-in or published); null for a new text. */
    baseHash: text(),
    effectiveFrom: text().notNull(),
    pack: jsonb().$type<RulePack>().notNull(),
    reason: text().notNull(),
    status: text({ enum: rulePackProposalStatuses }).notNull().default('pending'),
    proposedBy: text()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull(),
    decidedBy: text().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [index('rule_pack_proposals_status_idx').on(t.status, t.jurisdiction)],
);
