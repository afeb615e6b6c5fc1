import { createHash } from 'node:crypto';

/**
 * The Merkle tree of Certificate Transparency (RFC 9162 §2.1): leaf hash = SHA-256(0x00 || leaf), interior node =
 * SHA-256(0x01 || left || right), a tree of n leaves split at the largest power of two below n. Inclusion proofs
 * (audit paths, §2.1.3) and consistency proofs (§2.1.4), their verification, and a compact "frontier" that appends
 * leaves without keeping the tree. Pure: the stored nodes come in through a lookup, so the same code serves the database
 * and an outsider's files.
 */

/** SHA-256 of nothing: the root of the empty tree. */
export const emptyRoot: Buffer = createHash('sha256').digest();

/** RFC 9162 §2.1.1: the hash of one leaf. */
export function leafHash(leaf: Uint8Array | string): Buffer {
  return createHash('sha256').update(Uint8Array.of(0)).update(leaf).digest();
}

/** RFC 9162 §2.1.1: the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A complete, aligned subtree: leaves [index·2^level, (index+1)·2^level). Level 0 is a leaf. */
export interface NodeId {
  level: number;
  index: number;
}

/** Looks a complete subtree's hash up (from the database, or computed from leaves). */
export type NodeLookup = (node: NodeId) => Buffer;

/**
 * The complete subtrees, largest first, whose fold is MTH(D[start:start+size]). Every range an RFC 9162 proof needs
 * starts at a multiple of a power of two at least its size, so each part is aligned.
 */
export function rangeNodes(start: number, size: number): NodeId[] {
  const parts: NodeId[] = [];
  let at = start;
  let left = size;
  for (let level = 52; level >= 0 && left > 0; level -= 1) {
    const width = 2 ** level;
    if (left >= width) {
      if (at % width !== 0) throw new RangeError(`range ${start}+${size} is not aligned`);
      parts.push({ level, index: at / width });
      at += width;
      left -= width;
    }
  }
  return parts;
}

/** MTH(D[start:start+size]) from its complete subtrees (RFC 9162 §2.1.1). */
export function rangeHash(start: number, size: number, node: NodeLookup): Buffer {
  if (size === 0) return emptyRoot;
  const parts = rangeNodes(start, size).map(node);
  let root = parts[parts.length - 1]!;
  for (let i = parts.length - 2; i >= 0; i -= 1) root = nodeHash(parts[i]!, root);
  return root;
}

/** The ranges whose MTH form PATH(m, D[n]) (RFC 9162 §2.1.3.1), deepest first. */
export function inclusionRanges(m: number, n: number): Array<[start: number, size: number]> {
  const out: Array<[number, number]> = [];
  const walk = (m: number, start: number, n: number): void => {
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, k);
      out.push([start + k, n - k]);
    } else {
      walk(m - k, start + k, n - k);
      out.push([start, k]);
    }
  };
  walk(m, 0, n);
  return out;
}

/** The ranges whose MTH form PROOF(m, D[n]) (RFC 9162 §2.1.4.1). */
export function consistencyRanges(m: number, n: number): Array<[start: number, size: number]> {
  const out: Array<[number, number]> = [];
  const sub = (m: number, start: number, n: number, b: boolean): void => {
    if (m === n) {
      if (!b) out.push([start, n]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, k, b);
      out.push([start + k, n - k]);
    } else {
      sub(m - k, start + k, n - k, false);
      out.push([start, k]);
    }
  };
  if (m > 0 && m < n) sub(m, 0, n, true);
  return out;
}

/** Every complete subtree a set of ranges needs, so a store can fetch them in one query. */
export function nodesFor(ranges: Array<[number, number]>): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const [start, size] of ranges) for (const n of rangeNodes(start, size)) seen.set(`${n.level}:${n.index}`, n);
  return [...seen.values()];
}

/** The audit path of leaf m in the tree of its first n leaves. */
export function inclusionProof(m: number, n: number, node: NodeLookup): Buffer[] {
  if (!(m >= 0 && m < n)) throw new RangeError(`leaf ${m} is not in a tree of ${n}`);
  return inclusionRanges(m, n).map(([s, z]) => rangeHash(s, z, node));
}

/** The consistency proof between the trees of the first m and first n leaves. */
export function consistencyProof(m: number, n: number, node: NodeLookup): Buffer[] {
  if (!(m >= 0 && m <= n)) throw new RangeError(`no consistency from ${m} to ${n}`);
  return consistencyRanges(m, n).map(([s, z]) => rangeHash(s, z, node));
}

const isOdd = (x: bigint) => (x & 1n) === 1n;

/** RFC 9162 §2.1.3.2: does this audit path take the leaf hash at leafIndex to the root of a tree of treeSize? */
export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Uint8Array, path: Uint8Array[], root: Uint8Array): boolean {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) return false;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let r: Uint8Array = leaf;
  for (const p of path) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && Buffer.from(r).equals(Buffer.from(root));
}

/** RFC 9162 §2.1.4.2: is the tree of size first (root firstRoot) a prefix of the tree of size second (secondRoot)? */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: Uint8Array[]): boolean {
  const eq = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
  if (first < 0 || second < first) return false;
  if (first === second) return proof.length === 0 && eq(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && eq(fr, firstRoot) && eq(sr, secondRoot);
}

/**
 * The right edge of a tree: the roots of its complete subtrees, largest first (one per set bit of its size). Enough to
 * append leaves and compute the new root without reading the tree.
 */
export type Frontier = Buffer[];

/** Appends leaf hashes to a tree of `size` leaves; reports every complete subtree formed (to be stored for proofs). */
export function appendLeaves(frontier: Frontier, size: number, leaves: Buffer[], onNode?: (node: NodeId, hash: Buffer) => void): Frontier {
  const f = [...frontier];
  let n = size;
  for (const leaf of leaves) {
    let hash = leaf;
    let level = 0;
    let index = n;
    onNode?.({ level, index }, hash);
    let s = n;
    while (s % 2 === 1) {
      hash = nodeHash(f.pop()!, hash);
      level += 1;
      index = Math.floor(index / 2);
      onNode?.({ level, index }, hash);
      s = Math.floor(s / 2);
    }
    f.push(hash);
    n += 1;
  }
  return f;
}

/** The root of the tree whose right edge this is (RFC 9162 MTH). */
export function frontierRoot(frontier: Frontier): Buffer {
  if (frontier.length === 0) return emptyRoot;
  let root = frontier[frontier.length - 1]!;
  for (let i = frontier.length - 2; i >= 0; i -= 1) root = nodeHash(frontier[i]!, root);
  return root;
}

/** A lookup over leaf hashes held in memory (an outsider's files, tests): complete subtrees computed and kept. */
export function memoryNodes(leafHashes: Buffer[]): NodeLookup {
  const memo = new Map<string, Buffer>();
  const get = ({ level, index }: NodeId): Buffer => {
    if (level === 0) {
      const leaf = leafHashes[index];
      if (!leaf) throw new RangeError(`no leaf ${index}`);
      return leaf;
    }
    const key = `${level}:${index}`;
    let hash = memo.get(key);
    if (!hash) {
      hash = nodeHash(get({ level: level - 1, index: index * 2 }), get({ level: level - 1, index: index * 2 + 1 }));
      memo.set(key, hash);
    }
    return hash;
  };
  return get;
}
