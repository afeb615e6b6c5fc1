import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AnchorChecker, ChainWalker, type AnchorLeaf, type AnchorRecord, type AuditProblem, type AuditRowRecord } from './audit-verify';

/**
 * Verifying an export of the whole trail (`npm run audit -- export`) from its files alone: anchors.json, leaves.ndjson
 * (leaf index order) and rows.ndjson (chain, then place order). Rows are streamed; the leaves are held in memory.
 */
async function* lines(path: string): AsyncGenerator<string> {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.trim() !== '') yield line;
}

/** Verifies an export (see the file's comment). */
export async function verifyAuditExport(dir: string, held: AnchorRecord[] = []) {
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount += 1;
    if (problems.length < 100) problems.push(p);
  };
  const anchors: AnchorRecord[] = JSON.parse(readFileSync(join(dir, 'anchors.json'), 'utf8'));
  for (const h of held) {
    const same = anchors.find((a) => a.treeSize === h.treeSize);
    if (!same || same.rootHash !== h.rootHash) report({ kind: 'anchor', anchorId: h.id, reason: `anchor ${h.id} held (${h.treeSize} leaves) is ${same ? 'different' : 'missing'} in the export` });
  }
  const checker = new AnchorChecker([...anchors, ...held.map((h) => ({ ...h }))], report);
  const anchored = new Map<string, { leafIndex: number; head: string }>();
  const anchoredTop = new Map<string, { seq: number; leafIndex: number }>();
  for await (const line of lines(join(dir, 'leaves.ndjson'))) {
    const leaf: AnchorLeaf = JSON.parse(line);
    checker.push(leaf);
    anchored.set(`${leaf.chain}\n${leaf.seq}`, { leafIndex: leaf.leafIndex, head: leaf.head });
    if ((anchoredTop.get(leaf.chain)?.seq ?? 0) < leaf.seq) anchoredTop.set(leaf.chain, { seq: leaf.seq, leafIndex: leaf.leafIndex });
  }
  checker.end();
  const walker = new ChainWalker(report);
  const lastSeq = new Map<string, number>();
  for await (const line of lines(join(dir, 'rows.ndjson'))) {
    const r = JSON.parse(line) as Omit<AuditRowRecord, 'at'> & { at: string };
    walker.push({ ...r, at: new Date(r.at) }, r.seq === null ? undefined : anchored.get(`${r.chain}\n${r.seq}`));
    if (r.seq !== null) lastSeq.set(r.chain, r.seq);
  }
  walker.flush();
  for (const [chain, top] of anchoredTop) {
    const last = lastSeq.get(chain) ?? 0;
    if (last < top.seq) report({ kind: 'deleted', chain, seq: top.seq, leafIndex: top.leafIndex, reason: `rows at places ${last + 1}–${top.seq} of chain ${chain} are missing (anchored in leaf ${top.leafIndex})` });
  }
  return {
    intact: problemCount === 0,
    rows: walker.rows,
    chains: walker.chains,
    leaves: checker.leaves,
    anchors: anchors.length,
    ...(checker.lastRoot ? { lastRoot: checker.lastRoot } : {}),
    problemCount,
    problems,
  };
}

