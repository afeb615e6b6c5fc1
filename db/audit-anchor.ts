import { and, asc, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { anchorLeafHash, type AnchorLeaf, type AnchorRecord } from './audit-verify';
import type { Db } from './client';
import { appendLeaves, consistencyProof, consistencyRanges, frontierRoot, inclusionProof, inclusionRanges, nodesFor, type NodeId } from './merkle';
import { auditAnchorLeaves, auditAnchors, auditChainHeads, auditMerkleNodes } from './schema';

/**
 * Anchoring: every chain that grew since the last anchor gets one leaf (its place and head) appended to one Merkle tree
 * (RFC 9162), and the tree's new root is recorded. Appends never wait for it: a chain whose append is in flight is
 * skipped (its row is locked) and anchored next time.
 */

/** Two anchorings never interleave (the schedule's and one asked for by hand). */
const anchorLockKey = 0x616e63; // 'anc'

/** Rows per insert statement. */
const batch = 2000;

export interface AnchorResult extends AnchorRecord {
  /** Leaves this anchor added. */
  added: number;
}

const toRecord = (a: typeof auditAnchors.$inferSelect): AnchorRecord => ({ id: a.id, treeSize: a.treeSize, rootHash: a.rootHash, createdAt: a.createdAt.toISOString() });

/** Anchors every chain that grew since the last anchor; null when none did (no anchor is recorded then). */
export async function anchorAudit(db: Db, now: Date = new Date()): Promise<AnchorResult | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${anchorLockKey})`);
    const [previous] = await tx.select().from(auditAnchors).orderBy(desc(auditAnchors.treeSize)).limit(1);
    const grown = await tx.execute<{ chain: string; seq: string; hash: string }>(sql`
      with grown as (
        select chain from ${auditChainHeads} where ${auditChainHeads.seq} > ${auditChainHeads.anchoredSeq}
        for update skip locked
      )
      update ${auditChainHeads} h set anchored_seq = h.seq from grown where h.chain = grown.chain
      returning h.chain, h.seq, h.hash`);
    if (grown.length === 0) return null;
    const start = previous?.treeSize ?? 0;
    const leaves: AnchorLeaf[] = [...grown]
      .map((g) => ({ chain: g.chain, seq: Number(g.seq), head: g.hash }))
      .sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0))
      .map((l, i) => ({ ...l, leafIndex: start + i }));
    const nodes: Array<{ level: number; index: number; hash: string }> = [];
    const frontier = appendLeaves(
      (previous?.frontier ?? []).map((h) => Buffer.from(h, 'hex')),
      start,
      leaves.map(anchorLeafHash),
      (node, hash) => nodes.push({ ...node, hash: hash.toString('hex') }),
    );
    const [anchor] = await tx
      .insert(auditAnchors)
      .values({ treeSize: start + leaves.length, rootHash: frontierRoot(frontier).toString('hex'), createdAt: now, frontier: frontier.map((h) => h.toString('hex')) })
      .returning();
    for (let i = 0; i < leaves.length; i += batch) await tx.insert(auditAnchorLeaves).values(leaves.slice(i, i + batch).map((l) => ({ ...l, anchorId: anchor!.id })));
    for (let i = 0; i < nodes.length; i += batch) await tx.insert(auditMerkleNodes).values(nodes.slice(i, i + batch));
    return { ...toRecord(anchor!), added: leaves.length };
  });
}

/** The recorded anchors, oldest first (what is published: an outsider keeps them and checks later ones against them). */
export async function listAnchors(db: Db): Promise<AnchorRecord[]> {
  return (await db.select().from(auditAnchors).orderBy(asc(auditAnchors.treeSize))).map(toRecord);
}

/** Reads the stored complete subtrees a proof needs, in one query. */
async function storedNodes(db: Db, needed: NodeId[]): Promise<(node: NodeId) => Buffer> {
  const found = new Map<string, Buffer>();
  for (let i = 0; i < needed.length; i += 500) {
    const part = needed.slice(i, i + 500);
    const rows = await db
      .select()
      .from(auditMerkleNodes)
      .where(or(...part.map((n) => and(eq(auditMerkleNodes.level, n.level), eq(auditMerkleNodes.index, n.index)))));
    for (const r of rows) found.set(`${r.level}:${r.index}`, Buffer.from(r.hash, 'hex'));
  }
  return (n) => {
    const hash = found.get(`${n.level}:${n.index}`);
    if (!hash) throw new Error(`audit tree node ${n.level}:${n.index} is missing`);
    return hash;
  };
}

/** What proves one chain's rows up to a place are in an anchor: the leaf, the anchor and the audit path. */
export interface InclusionProof {
  leaf: AnchorLeaf;
  anchor: AnchorRecord;
  /** RFC 9162 audit path, hex, deepest sibling first. */
  auditPath: string[];
}

/**
 * The proof for the latest checkpoint of a chain in the latest anchor (or in the anchor given): null when the chain has
 * not been anchored (yet, or in that anchor).
 */
export async function chainInclusionProof(db: Db, chain: string, anchorId?: number): Promise<InclusionProof | null> {
  const [anchor] = await db
    .select()
    .from(auditAnchors)
    .where(anchorId === undefined ? undefined : eq(auditAnchors.id, anchorId))
    .orderBy(desc(auditAnchors.treeSize))
    .limit(1);
  if (!anchor) return null;
  const [leaf] = await db
    .select()
    .from(auditAnchorLeaves)
    .where(and(eq(auditAnchorLeaves.chain, chain), sql`${auditAnchorLeaves.leafIndex} < ${anchor.treeSize}`))
    .orderBy(desc(auditAnchorLeaves.seq))
    .limit(1);
  if (!leaf) return null;
  const node = await storedNodes(db, nodesFor(inclusionRanges(leaf.leafIndex, anchor.treeSize)));
  return {
    leaf: { leafIndex: leaf.leafIndex, chain: leaf.chain, seq: leaf.seq, head: leaf.head },
    anchor: toRecord(anchor),
    auditPath: inclusionProof(leaf.leafIndex, anchor.treeSize, node).map((h) => h.toString('hex')),
  };
}

/** The consistency proof (RFC 9162 §2.1.4) that anchor `from`'s tree is a prefix of anchor `to`'s; null if either is unknown. */
export async function anchorConsistencyProof(db: Db, fromId: number, toId: number): Promise<{ from: AnchorRecord; to: AnchorRecord; proof: string[] } | null> {
  const found = await db.select().from(auditAnchors).where(inArray(auditAnchors.id, [fromId, toId]));
  const from = found.find((a) => a.id === fromId);
  const to = found.find((a) => a.id === toId);
  if (!from || !to || from.treeSize > to.treeSize) return null;
  const node = await storedNodes(db, nodesFor(consistencyRanges(from.treeSize, to.treeSize)));
  return { from: toRecord(from), to: toRecord(to), proof: consistencyProof(from.treeSize, to.treeSize, node).map((h) => h.toString('hex')) };
}

/** The leaves of the first `treeSize` leaves, in order (for an export). */
export async function* anchorLeaves(db: Db, upTo?: number): AsyncGenerator<AnchorLeaf> {
  let after = -1;
  for (;;) {
    const rows = await db
      .select()
      .from(auditAnchorLeaves)
      .where(and(sql`${auditAnchorLeaves.leafIndex} > ${after}`, upTo === undefined ? undefined : lte(auditAnchorLeaves.leafIndex, upTo - 1)))
      .orderBy(asc(auditAnchorLeaves.leafIndex))
      .limit(5000);
    if (rows.length === 0) return;
    for (const r of rows) yield { leafIndex: r.leafIndex, chain: r.chain, seq: r.seq, head: r.head };
    after = rows[rows.length - 1]!.leafIndex;
  }
}
