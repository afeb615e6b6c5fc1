import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The append-only audit trail (事前审核、事中留痕、事后追溯): who did what, when. `eventKey` makes every write idempotent,
 * so a retried activity never records an event twice. Updates and deletes are refused by a trigger, and each row holds the
 * hash of the one before it in its chain, so an alteration that gets past the trigger is still found (`verifyAuditTrail`).
 *
 * Each case has a chain of its own (`case:<id>`); events without a case are chained by kind and acting department
 * (`auth:<department>`, `calendar:<department>`, …). Rows written before chains per case form the chain `legacy`, the
 * old global chain, kept as it was and anchored as the first anchor.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventKey: text().notNull().unique(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorUserId: text(),
    actorDepartmentId: text(),
    action: text().notNull(),
    requestId: uuid(),
    taskId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** The hash of the row before in its chain (null only for rows written before the hash chain existed). */
    prevHash: text(),
    /** sha256(prevHash, this row's content): changing any earlier row breaks every later link. */
    hash: text(),
    /** The chain the row belongs to (`legacy`: rows written before chains per case). */
    chain: text().notNull().default('legacy'),
    /** Its place in the chain, 1, 2, 3… (set for every row; null only while a migration backfills). */
    seq: bigint({ mode: 'number' }),
  },
  (t) => [index('audit_request_idx').on(t.requestId, t.id), uniqueIndex('audit_chain_seq_idx').on(t.chain, t.seq)],
);

/**
 * The head of each chain: its last row's place and hash. The row's lock is the chain's lock (an append holds it to the
 * end of its transaction), and `anchoredSeq` says how far the chain is anchored. Not trusted by the verifier: it
 * checks rows against anchors, never against this table.
 */
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    chain: text().primaryKey(),
    seq: bigint({ mode: 'number' }).notNull(),
    hash: text().notNull(),
    anchoredSeq: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [index('audit_chain_heads_unanchored_idx').on(t.chain).where(sql`${t.seq} > ${t.anchoredSeq}`)],
);

/**
 * An anchor: the root of the Merkle tree (RFC 9162) over every chain checkpoint recorded so far. The tree only grows,
 * so each anchor's tree is a prefix of the next one's (consistency proofs). `frontier` is the tree's right edge, from
 * which the next anchor appends without reading the tree.
 */
export const auditAnchors = pgTable('audit_anchors', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  treeSize: bigint({ mode: 'number' }).notNull().unique(),
  rootHash: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  frontier: jsonb().$type<string[]>().notNull(),
});

/** One leaf of the tree: chain `chain` had `seq` rows and its last one's hash was `head` (leaf = canonical JSON of the three). */
export const auditAnchorLeaves = pgTable(
  'audit_anchor_leaves',
  {
    leafIndex: bigint({ mode: 'number' }).primaryKey(),
    anchorId: integer()
      .notNull()
      .references(() => auditAnchors.id),
    chain: text().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    head: text().notNull(),
  },
  (t) => [uniqueIndex('audit_anchor_leaves_chain_idx').on(t.chain, t.seq)],
);

/** Complete subtrees of the tree, (level, index) → hash, so a proof is read in O(log² n) rows, never the whole tree. */
export const auditMerkleNodes = pgTable(
  'audit_merkle_nodes',
  {
    level: smallint().notNull(),
    index: bigint({ mode: 'number' }).notNull(),
    hash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.index] })],
);
