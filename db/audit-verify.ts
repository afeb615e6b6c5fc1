import { auditGenesis, auditHash, legacyChain } from './audit';
import { canonicalJson } from './canonical-json';
import { appendLeaves, frontierRoot, leafHash, verifyInclusion, type Frontier } from './merkle';

/**
 * Verifying the audit trail without trusting the database: each chain walked in order (links, content, places), each
 * row anchored checked against its leaf, and every anchor's root recomputed from the leaves. Pure and streaming, so the
 * API (db/audit-trail.ts) and an outsider's CLI (scripts/audit.ts, on exported files) run the same code in memory that
 * does not grow with the number of rows.
 */

/** A row as stored (and exported). */
export interface AuditRowRecord {
  id: number;
  eventKey: string;
  at: Date;
  action: string;
  actorUserId: string | null;
  actorDepartmentId: string | null;
  requestId: string | null;
  taskId: string | null;
  details: Record<string, unknown>;
  prevHash: string | null;
  hash: string | null;
  chain: string;
  seq: number | null;
}

/** One leaf of the anchor tree: chain `chain` had `seq` rows, the last with hash `head`. */
export interface AnchorLeaf {
  leafIndex: number;
  chain: string;
  seq: number;
  head: string;
}

/** An anchor as recorded: the tree of its first `treeSize` leaves has root `rootHash`. */
export interface AnchorRecord {
  id: number;
  treeSize: number;
  rootHash: string;
  createdAt: string;
}

/** The bytes of a leaf (RFC 9162 leaf input): canonical JSON of chain, head and place. */
export function anchorLeafInput(leaf: Pick<AnchorLeaf, 'chain' | 'seq' | 'head'>): string {
  return canonicalJson({ chain: leaf.chain, seq: leaf.seq, head: leaf.head });
}

/** The leaf hash of a checkpoint. */
export function anchorLeafHash(leaf: Pick<AnchorLeaf, 'chain' | 'seq' | 'head'>): Buffer {
  return leafHash(anchorLeafInput(leaf));
}

export const AuditProblemKind = {
  /** A row's content or hash is not what was written. */
  altered: 'altered',
  /** Rows are missing from a chain (a gap in its places, or places anchored or counted that are gone). */
  deleted: 'deleted',
  /** Rows are in each other's places. */
  reordered: 'reordered',
  /** An anchor's root, or a leaf, does not match what the leaves say. */
  anchor: 'anchor',
} as const;
export type AuditProblemKind = (typeof AuditProblemKind)[keyof typeof AuditProblemKind];

/** One thing wrong, named: the row (id, chain and place) or the anchor/leaf. */
export interface AuditProblem {
  kind: AuditProblemKind;
  reason: string;
  rowId?: number;
  chain?: string;
  seq?: number;
  leafIndex?: number;
  anchorId?: number;
}

interface Pending {
  problem?: AuditProblem;
  id: number;
  seq: number;
}

/**
 * Walks rows given in chain order, then place order, and reports every problem once per row. After a problem it goes on
 * from what the row itself claims, so one change is named once and the next independent one is still found.
 */
export class ChainWalker {
  rows = 0;
  legacyRows = 0;
  chains = 0;
  private chain: string | undefined;
  private expectedPrev = auditGenesis;
  private expectedSeq = 1;
  private chained = false;
  private previous: Pending | undefined;
  /** Hashes of the last rows of this chain, and how many rows ago a reorder was named. */
  private recent: string[] = [];
  private sinceReorder = Infinity;

  constructor(private readonly report: (problem: AuditProblem) => void) {}

  /** One row, with the leaf that anchors its place if there is one; rows out of scope are checked but never named. */
  push(r: AuditRowRecord, anchored?: { leafIndex: number; head: string }, inScope = true): void {
    if (r.chain !== this.chain) {
      this.flush();
      this.chain = r.chain;
      this.expectedPrev = auditGenesis;
      this.expectedSeq = 1;
      this.chained = false;
      this.recent = [];
      this.sinceReorder = Infinity;
      if (inScope) this.chains += 1;
    }
    if (inScope) this.rows += 1;
    const at = { rowId: r.id, chain: r.chain, ...(r.seq !== null ? { seq: r.seq } : {}) };
    let problem: AuditProblem | undefined;
    const note = (kind: AuditProblemKind, reason: string) => {
      problem ??= { kind, reason, ...at };
    };
    const seq = r.seq ?? this.expectedSeq;
    if (r.seq === null) note('altered', 'it has no place in its chain');
    else if (this.previous && r.id < this.previous.id) {
      this.sinceReorder = 0;
      note('reordered', `it was written before row ${this.previous.id} but stands after it in the chain`);
      // The row before stands in this one's place: name it as reordered too.
      if (this.previous.problem?.kind !== 'deleted') {
        this.previous.problem = {
          kind: 'reordered',
          reason: `it was written after row ${r.id} but stands before it in the chain`,
          rowId: this.previous.id,
          chain: r.chain,
          seq: this.previous.seq,
        };
      }
    } else if (r.seq > this.expectedSeq) {
      note('deleted', `rows at places ${this.expectedSeq}–${r.seq - 1} of its chain before it are missing`);
    } else if (r.seq < this.expectedSeq) note('reordered', `its place ${r.seq} is taken twice in its chain`);

    if (r.hash === null) {
      if (r.chain !== legacyChain || this.chained) note('altered', 'it has no hash inside the chain');
      else if (inScope) this.legacyRows += 1;
    } else {
      this.chained = true;
      // Right after rows named as reordered, a row may link to either of them: that is the reorder, already named.
      const explained = this.sinceReorder <= 2 && r.prevHash !== null && this.recent.includes(r.prevHash);
      if (r.prevHash !== this.expectedPrev && !explained) note('altered', 'its previous-hash does not match the row before');
      if (auditHash(r.prevHash ?? auditGenesis, r) !== r.hash) note('altered', 'its content does not match its hash');
      if (anchored && anchored.head !== r.hash) note('altered', `its hash differs from the one anchored in leaf ${anchored.leafIndex}`);
      this.expectedPrev = r.hash;
      this.recent = [...this.recent.slice(-2), r.hash];
    }
    this.sinceReorder += 1;
    this.expectedSeq = seq + 1;
    this.flushPrevious();
    this.previous = { id: r.id, seq, ...(problem && inScope ? { problem } : {}) };
  }

  private flushPrevious(): void {
    if (this.previous?.problem) this.report(this.previous.problem);
    this.previous = undefined;
  }

  /** Ends the current chain. */
  flush(): void {
    this.flushPrevious();
  }
}

/**
 * Recomputes the tree leaf by leaf (given in index order) and checks each anchor's root at its size (anchors in tree-size
 * order). Memory: the tree's right edge, O(log n).
 */
export class AnchorChecker {
  leaves = 0;
  anchors = 0;
  lastRoot: string | undefined;
  private frontier: Frontier = [];
  private pendingAnchors: AnchorRecord[];

  constructor(
    anchors: AnchorRecord[],
    private readonly report: (problem: AuditProblem) => void,
  ) {
    this.pendingAnchors = [...anchors].sort((a, b) => a.treeSize - b.treeSize);
    this.checkDue();
  }

  /** The next leaf; `storedHash` is the node the database keeps for it, when known (names a changed leaf). */
  push(leaf: AnchorLeaf, storedHash?: string | null): void {
    if (leaf.leafIndex !== this.leaves) {
      this.report({ kind: 'anchor', leafIndex: this.leaves, reason: `leaf ${this.leaves} is missing (the next is ${leaf.leafIndex})` });
      this.leaves = leaf.leafIndex;
    }
    const hash = anchorLeafHash(leaf);
    if (storedHash !== undefined && storedHash !== null && storedHash !== hash.toString('hex')) {
      this.report({ kind: 'anchor', leafIndex: leaf.leafIndex, chain: leaf.chain, seq: leaf.seq, reason: `leaf ${leaf.leafIndex} was changed after it was anchored` });
    }
    this.frontier = appendLeaves(this.frontier, this.leaves, [hash]);
    this.leaves += 1;
    this.checkDue();
  }

  private checkDue(): void {
    while (this.pendingAnchors.length > 0 && this.pendingAnchors[0]!.treeSize <= this.leaves) {
      const anchor = this.pendingAnchors.shift()!;
      this.anchors += 1;
      if (anchor.treeSize < this.leaves) continue; // a gap was reported; this size passed unseen
      const root = frontierRoot(this.frontier).toString('hex');
      this.lastRoot = anchor.rootHash;
      if (root !== anchor.rootHash) {
        this.report({ kind: 'anchor', anchorId: anchor.id, reason: `anchor ${anchor.id}'s root does not match the tree of its ${anchor.treeSize} leaves` });
      }
    }
  }

  /** After the last leaf: anchors that claim more leaves than exist. */
  end(): void {
    for (const anchor of this.pendingAnchors) {
      this.anchors += 1;
      this.report({ kind: 'anchor', anchorId: anchor.id, reason: `anchor ${anchor.id} claims ${anchor.treeSize} leaves but there are ${this.leaves}` });
    }
    this.pendingAnchors = [];
  }
}

/** One case's record as the API exports it (GET /api/audit/proof): its chain's rows and the proof of its checkpoint. */
export interface AuditBundle {
  chain: string;
  rows: Array<Omit<AuditRowRecord, 'at'> & { at: string }>;
  proof: { leaf: AnchorLeaf; anchor: AnchorRecord; auditPath: string[] } | null;
}

/** What verifying a bundle found. */
export interface BundleVerification {
  intact: boolean;
  chain: string;
  rows: number;
  /** Rows up to this place are proved included in the anchor; later ones are only chained (not anchored yet). */
  anchoredThrough: number;
  anchor?: AnchorRecord;
  problems: AuditProblem[];
}

/**
 * Verifies one chain's record against anchors the verifier already holds (published, exported earlier): the chain's
 * links, its checkpoint's row, the checkpoint's audit path to the anchor's root, and that root against the held one.
 * O(rows of the chain + log n): nothing else of the trail is read.
 */
export function verifyAuditBundle(bundle: AuditBundle, heldAnchors: AnchorRecord[]): BundleVerification {
  const problems: AuditProblem[] = [];
  const walker = new ChainWalker((p) => problems.push(p));
  const leaf = bundle.proof?.leaf;
  for (const r of bundle.rows) {
    if (r.chain !== bundle.chain) {
      problems.push({ kind: 'altered', rowId: r.id, chain: r.chain, reason: `it is not of chain ${bundle.chain}` });
      continue;
    }
    walker.push({ ...r, at: new Date(r.at) }, leaf && r.seq === leaf.seq ? { leafIndex: leaf.leafIndex, head: leaf.head } : undefined);
  }
  walker.flush();
  let anchoredThrough = 0;
  if (bundle.proof && leaf) {
    const { anchor, auditPath } = bundle.proof;
    const top = Math.max(0, ...bundle.rows.map((r) => r.seq ?? 0));
    if (leaf.chain !== bundle.chain) problems.push({ kind: 'anchor', leafIndex: leaf.leafIndex, reason: `the proof is for chain ${leaf.chain}` });
    if (top < leaf.seq) {
      problems.push({ kind: 'deleted', chain: bundle.chain, seq: leaf.seq, leafIndex: leaf.leafIndex, reason: `rows at places ${top + 1}–${leaf.seq} are missing (anchored in leaf ${leaf.leafIndex})` });
    }
    const held = heldAnchors.find((a) => a.id === anchor.id);
    if (!held) problems.push({ kind: 'anchor', anchorId: anchor.id, reason: `anchor ${anchor.id} is not among the anchors held` });
    else if (held.rootHash !== anchor.rootHash || held.treeSize !== anchor.treeSize) {
      problems.push({ kind: 'anchor', anchorId: anchor.id, reason: `anchor ${anchor.id} differs from the one held (root or size)` });
    }
    const included = verifyInclusion(
      leaf.leafIndex,
      (held ?? anchor).treeSize,
      anchorLeafHash(leaf),
      auditPath.map((h) => Buffer.from(h, 'hex')),
      Buffer.from((held ?? anchor).rootHash, 'hex'),
    );
    if (!included) problems.push({ kind: 'anchor', leafIndex: leaf.leafIndex, anchorId: anchor.id, reason: `leaf ${leaf.leafIndex} is not proved included in anchor ${anchor.id}: the audit path does not lead to its root` });
    if (problems.length === 0) anchoredThrough = leaf.seq;
  }
  return {
    intact: problems.length === 0,
    chain: bundle.chain,
    rows: walker.rows,
    anchoredThrough,
    ...(bundle.proof ? { anchor: bundle.proof.anchor } : {}),
    problems,
  };
}
