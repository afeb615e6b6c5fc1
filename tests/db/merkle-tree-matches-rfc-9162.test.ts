import { describe, expect, it } from 'vitest';
import {
  appendLeaves,
  consistencyProof,
  emptyRoot,
  frontierRoot,
  inclusionProof,
  leafHash,
  memoryNodes,
  rangeHash,
  verifyConsistency,
  verifyInclusion,
} from '../../db/merkle';

// The test vectors of Certificate Transparency's reference implementation (certificate-transparency merkle_tree_test,
// the same in transparency-dev/merkle testonly/constants.go): eight leaves, the roots of their first 1…8, and proofs.
const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const roots = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const inclusion: Array<{ m: number; n: number; path: string[] }> = [
  { m: 0, n: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { m: 5, n: 8, path: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];
const consistency: Array<{ m: number; n: number; proof: string[] }> = [
  { m: 1, n: 1, proof: [] },
  { m: 1, n: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { m: 6, n: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { m: 2, n: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));
const hashes = leaves.map((l) => leafHash(l));
const node = memoryNodes(hashes);

describe('the audit anchors’ Merkle tree is Certificate Transparency’s (RFC 9162 §2.1)', () => {
  it('gives the reference roots for trees of 0 to 8 leaves, whether computed whole or appended leaf by leaf', () => {
    expect(emptyRoot.toString('hex')).toBe(roots[0]);
    let frontier = appendLeaves([], 0, []);
    for (let n = 1; n <= 8; n += 1) {
      expect(rangeHash(0, n, node).toString('hex'), `MTH of ${n}`).toBe(roots[n]);
      frontier = appendLeaves(frontier, n - 1, [hashes[n - 1]!]);
      expect(frontierRoot(frontier).toString('hex'), `appended to ${n}`).toBe(roots[n]);
    }
  });

  it('gives the reference audit paths and consistency proofs, and each verifies', () => {
    for (const { m, n, path } of inclusion) {
      expect(hex(inclusionProof(m, n, node))).toEqual(path);
      expect(verifyInclusion(m, n, hashes[m]!, path.map((p) => Buffer.from(p, 'hex')), Buffer.from(roots[n]!, 'hex'))).toBe(true);
    }
    for (const { m, n, proof } of consistency) {
      expect(hex(consistencyProof(m, n, node))).toEqual(proof);
      expect(verifyConsistency(m, n, Buffer.from(roots[m]!, 'hex'), Buffer.from(roots[n]!, 'hex'), proof.map((p) => Buffer.from(p, 'hex')))).toBe(true);
    }
  });

  it('proves every leaf of every tree up to 70 leaves and every pair of sizes consistent, and refuses any altered proof', () => {
    const many = Array.from({ length: 70 }, (_, i) => leafHash(`leaf ${i}`));
    const look = memoryNodes(many);
    const root = (n: number) => rangeHash(0, n, look);
    for (let n = 1; n <= 70; n += 1) {
      const r = root(n);
      for (let m = 0; m < n; m += 1) {
        const path = inclusionProof(m, n, look);
        expect(path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyInclusion(m, n, many[m]!, path, r)).toBe(true);
        // A changed sibling, the wrong leaf, the wrong index or a missing step: refused.
        if (path.length > 0) {
          const bad = path.map((p, i) => (i === path.length - 1 ? Buffer.from(p.map((b, j) => (j === 0 ? b ^ 1 : b))) : p));
          expect(verifyInclusion(m, n, many[m]!, bad, r)).toBe(false);
          expect(verifyInclusion(m, n, many[m]!, path.slice(1), r)).toBe(false);
          expect(verifyInclusion((m + 1) % n, n, many[m]!, path, r)).toBe(false);
        }
        expect(verifyInclusion(m, n, many[(m + 1) % 70]!, path, r)).toBe(false);
      }
      for (let m = 1; m <= n; m += 1) {
        const proof = consistencyProof(m, n, look);
        expect(verifyConsistency(m, n, root(m), r, proof)).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, leafHash('forged'), r, proof)).toBe(false);
          expect(verifyConsistency(m, n, root(m), leafHash('forged'), proof)).toBe(false);
        }
      }
    }
  });
});
