import { sql, type SQL } from 'drizzle-orm';
import { legacyChain } from './audit';
import { AnchorChecker, ChainWalker, type AuditProblem, type AuditRowRecord } from './audit-verify';
import { listAnchors } from './audit-anchor';
import type { Db } from './client';

/** What a verification reports. `firstBrokenId` and `reason` name the first problem found (the API's older shape). */
export interface AuditTrailVerification {
  intact: boolean;
  /** The jurisdiction whose rows were verified, or `all`. */
  scope: string;
  rows: number;
  legacyRows: number;
  chains: number;
  anchors: number;
  leaves: number;
  /** The latest anchor's root (publish it; the next verification must find the same). */
  lastHash?: string;
  firstBrokenId?: number;
  reason?: string;
  /** Everything found wrong, each named (at most `problemLimit`). */
  problems: AuditProblem[];
}

/** Rows per round trip. */
const batchSize = 5000;
/** Problems listed in full; the count beyond is still reported as not intact. */
const problemLimit = 100;

type RowWithLeaf = Omit<AuditRowRecord, 'at'> & { atMs: number; leafIndex: string | null; anchoredHead: string | null; inScope: boolean };

const rowColumns = sql`a.id::float8 as id, a.event_key as "eventKey", round(extract(epoch from a.at) * 1000)::float8 as "atMs", a.action, a.actor_user_id as "actorUserId",
  a.actor_department_id as "actorDepartmentId", a.request_id as "requestId", a.task_id as "taskId", a.details,
  a.prev_hash as "prevHash", a.hash, a.chain, a.seq::float8 as seq, l.leaf_index as "leafIndex", l.head as "anchoredHead"`;

const toRecord = ({ atMs, leafIndex: _l, anchoredHead: _h, inScope: _s, ...r }: RowWithLeaf): AuditRowRecord => ({ ...r, at: new Date(atMs) });

/** The chains of one jurisdiction: its cases', and those of events without a case by its departments. */
const inJurisdiction = (j: string): SQL => sql`(
  (a.request_id is not null and exists (select 1 from requests r where r.id = a.request_id and r.jurisdiction = ${j}))
  or (a.request_id is null and exists (select 1 from departments d where d.id = a.actor_department_id and d.jurisdiction = ${j})))`;

/**
 * Verifies the trail in the database: every chain (of the jurisdiction, when given), every row against its anchored
 * leaf, anchored places that are gone, and every anchor's root against the leaves. A supervisor's verification reads only
 * its jurisdiction's chains, except the legacy chain, which is one chain for everyone and is walked whole (only rows
 * in scope are counted or named).
 */
export async function verifyAuditTrail(db: Db, jurisdiction?: string): Promise<AuditTrailVerification> {
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount += 1;
    if (problems.length < problemLimit) problems.push(p);
  };
  const walker = new ChainWalker(report);
  const scopeFilter = jurisdiction === undefined ? sql`true` : inJurisdiction(jurisdiction);
  const inScope = jurisdiction === undefined ? sql`true` : inJurisdiction(jurisdiction);

  // The legacy chain first (it sorts among the others by name; walked on its own it can be scoped row by row).
  let after = 0;
  for (;;) {
    const rows = await db.execute<RowWithLeaf>(sql`
      select ${rowColumns}, ${inScope} as "inScope" from audit_log a
      left join audit_anchor_leaves l on l.chain = a.chain and l.seq = a.seq
      where a.chain = ${legacyChain} and a.seq > ${after} order by a.seq limit ${batchSize}`);
    if (rows.length === 0) break;
    for (const r of rows) walker.push(toRecord(r), r.leafIndex === null ? undefined : { leafIndex: Number(r.leafIndex), head: r.anchoredHead! }, r.inScope);
    after = rows[rows.length - 1]!.seq!;
  }
  walker.flush();

  // Then every other chain in (chain, place) order, by keyset pages.
  let cursor: { chain: string; seq: number } | undefined;
  for (;;) {
    const page: SQL = cursor ? sql`(a.chain, a.seq) > (${cursor.chain}, ${cursor.seq})` : sql`true`;
    const rows = await db.execute<RowWithLeaf>(sql`
      select ${rowColumns}, true as "inScope" from audit_log a
      left join audit_anchor_leaves l on l.chain = a.chain and l.seq = a.seq
      where a.chain <> ${legacyChain} and a.seq is not null and ${page} and ${scopeFilter}
      order by a.chain, a.seq limit ${batchSize}`);
    if (rows.length === 0) break;
    for (const r of rows) walker.push(toRecord(r), r.leafIndex === null ? undefined : { leafIndex: Number(r.leafIndex), head: r.anchoredHead! });
    const last = rows[rows.length - 1]!;
    cursor = { chain: last.chain, seq: last.seq! };
  }
  walker.flush();

  // Rows that have no place at all (a chain's walk never sees them).
  for (const r of await db.execute<{ id: number; chain: string }>(
    sql`select a.id::float8 as id, a.chain from audit_log a where a.seq is null and a.chain <> ${legacyChain} and ${scopeFilter} limit ${problemLimit}`,
  )) {
    report({ kind: 'altered', rowId: r.id, chain: r.chain, reason: 'it has no place in its chain' });
  }

  // Places anchored, or counted by a chain's head, whose row is gone (the last rows of a chain leave no gap behind them).
  const chainScope = (alias: string) =>
    jurisdiction === undefined
      ? sql`true`
      : sql`(${sql.raw(alias)}.chain = ${legacyChain} or exists (select 1 from audit_log a where a.chain = ${sql.raw(alias)}.chain and ${inJurisdiction(jurisdiction)}))`;
  for (const l of await db.execute<{ chain: string; seq: number; leafIndex: number }>(sql`
    select l.chain, l.seq::float8 as seq, l.leaf_index::float8 as "leafIndex" from audit_anchor_leaves l
    where not exists (select 1 from audit_log x where x.chain = l.chain and x.seq = l.seq) and ${chainScope('l')}
    order by l.leaf_index limit ${problemLimit}`)) {
    const last = await db.execute<{ seq: number | null }>(sql`select max(seq)::float8 as seq from audit_log where chain = ${l.chain}`);
    const from = (last[0]?.seq ?? 0) + 1;
    if (from > l.seq) continue; // a gap inside the chain: named by the walk
    report({ kind: 'deleted', chain: l.chain, seq: l.seq, leafIndex: l.leafIndex, reason: `rows at places ${from}–${l.seq} of chain ${l.chain} are missing (anchored in leaf ${l.leafIndex})` });
  }
  for (const h of await db.execute<{ chain: string; seq: number; top: number | null }>(sql`
    select h.chain, h.seq::float8 as seq, (select max(seq) from audit_log x where x.chain = h.chain)::float8 as top
    from audit_chain_heads h
    where h.seq > h.anchored_seq and h.seq > 0 and not exists (select 1 from audit_log x where x.chain = h.chain and x.seq = h.seq) and ${chainScope('h')}
    limit ${problemLimit}`)) {
    if ((h.top ?? 0) > h.seq) continue;
    report({ kind: 'deleted', chain: h.chain, seq: h.seq, reason: `rows at places ${(h.top ?? 0) + 1}–${h.seq} of chain ${h.chain} are missing (not yet anchored; its head counts them)` });
  }

  // The anchors, recomputed from the leaves (the leaves' stored hashes name a changed leaf).
  const checker = new AnchorChecker(await listAnchors(db), report);
  let leafAfter = -1;
  for (;;) {
    const leaves = await db.execute<{ leafIndex: number; chain: string; seq: number; head: string; stored: string | null }>(sql`
      select l.leaf_index::float8 as "leafIndex", l.chain, l.seq::float8 as seq, l.head, n.hash as stored
      from audit_anchor_leaves l left join audit_merkle_nodes n on n.level = 0 and n.index = l.leaf_index
      where l.leaf_index > ${leafAfter} order by l.leaf_index limit ${batchSize}`);
    if (leaves.length === 0) break;
    for (const l of leaves) checker.push(l, l.stored);
    leafAfter = leaves[leaves.length - 1]!.leafIndex;
  }
  checker.end();

  const first = problems[0];
  return {
    intact: problemCount === 0,
    scope: jurisdiction ?? 'all',
    rows: walker.rows,
    legacyRows: walker.legacyRows,
    chains: walker.chains,
    anchors: checker.anchors,
    leaves: checker.leaves,
    ...(checker.lastRoot ? { lastHash: checker.lastRoot } : {}),
    ...(first ? { reason: first.reason, ...(first.rowId !== undefined ? { firstBrokenId: first.rowId } : {}) } : {}),
    problems,
  };
}

/** One chain's rows in place order (a case's record, for its bundle). */
export async function chainRows(db: Db, chain: string): Promise<AuditRowRecord[]> {
  const rows = await db.execute<RowWithLeaf>(sql`
    select ${rowColumns}, true as "inScope" from audit_log a
    left join audit_anchor_leaves l on l.chain = a.chain and l.seq = a.seq
    where a.chain = ${chain} order by a.seq, a.id`);
  return rows.map(toRecord);
}

/** Every row in (chain, place) order, by keyset pages: what an export writes and an outsider's verifier walks. */
export async function* allAuditRows(db: Db): AsyncGenerator<AuditRowRecord> {
  let cursor: { chain: string; seq: number } | undefined;
  for (;;) {
    const page: SQL = cursor ? sql`(a.chain, a.seq) > (${cursor.chain}, ${cursor.seq})` : sql`true`;
    const rows = await db.execute<RowWithLeaf>(sql`
      select ${rowColumns}, true as "inScope" from audit_log a
      left join audit_anchor_leaves l on false
      where a.seq is not null and ${page} order by a.chain, a.seq limit ${batchSize}`);
    if (rows.length === 0) return;
    for (const r of rows) yield toRecord(r);
    const last = rows[rows.length - 1]!;
    cursor = { chain: last.chain, seq: last.seq! };
  }
}
