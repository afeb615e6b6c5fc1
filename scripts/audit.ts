/**
 * 审计核验 The audit trail's command line.
 *
 *   npm run audit -- anchor                       anchor now (DATABASE_URL; the schedule does it every AUDIT_ANCHOR_EVERY)
 *   npm run audit -- export <dir>                 write anchors.json, leaves.ndjson and rows.ndjson (DATABASE_URL)
 *   npm run audit -- verify <dir> [held.json]     verify an export without a database: every chain, every anchored
 *                                                 row, every anchor's root; held.json: anchors kept from before, which
 *                                                 the export's tree must still reproduce
 *   npm run audit -- verify-case <bundle.json> <anchors.json>
 *                                                 verify one case's record (GET /api/audit/proof) against anchors held
 *
 * Prints a JSON report naming every altered, deleted or reordered row and every anchor that does not hold; exits 1
 * when anything is wrong. The verifying commands read files only (an outsider needs no access to the system).
 */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { verifyAuditExport } from '../db/audit-files';
import { verifyAuditBundle, type AuditBundle } from '../db/audit-verify';

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set');
  return url;
}

async function exportTrail(dir: string): Promise<void> {
  const { connectDb } = await import('../db/client');
  const { listAnchors, anchorLeaves } = await import('../db/audit-anchor');
  const { allAuditRows } = await import('../db/audit-trail');
  const { db, close } = connectDb(databaseUrl());
  try {
    mkdirSync(dir, { recursive: true });
    const anchors = await listAnchors(db);
    writeFileSync(join(dir, 'anchors.json'), `${JSON.stringify(anchors, null, 2)}\n`);
    const write = async (file: string, items: AsyncIterable<unknown>) => {
      const out = createWriteStream(join(dir, file));
      for await (const item of items) if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
    };
    await write('leaves.ndjson', anchorLeaves(db, anchors.at(-1)?.treeSize ?? 0));
    await write('rows.ndjson', allAuditRows(db));
    console.log(`exported to ${dir}`);
  } finally {
    await close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, a, b] = argv;
  const print = (result: { intact: boolean }) => {
    console.log(JSON.stringify(result, null, 2));
    return result.intact ? 0 : 1;
  };
  if (command === 'verify' && a) return print(await verifyAuditExport(a, b ? JSON.parse(readFileSync(b, 'utf8')) : []));
  if (command === 'verify-case' && a && b) {
    const bundle: AuditBundle = JSON.parse(readFileSync(a, 'utf8'));
    return print(verifyAuditBundle(bundle, JSON.parse(readFileSync(b, 'utf8'))));
  }
  if (command === 'export' && a) {
    await exportTrail(a);
    return 0;
  }
  if (command === 'anchor') {
    const { connectDb } = await import('../db/client');
    const { anchorAudit } = await import('../db/audit-anchor');
      const { db, close } = connectDb(databaseUrl());
    try {
      console.log(JSON.stringify(await anchorAudit(db)));
    } finally {
      await close();
    }
    return 0;
  }
  process.stderr.write('usage: npm run audit -- anchor | export <dir> | verify <dir> [held-anchors.json] | verify-case <bundle.json> <anchors.json>\n');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
