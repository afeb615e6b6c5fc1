import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { caseNumberCounters, type Process } from '../db/schema';
import { shanghaiDateOf } from '../rules';

/** A transaction (or the client) of {@link Db}. */
type Tx = Pick<Db, 'insert'>;

/** The Beijing year of a receipt instant: a case received on 31 December at 23:30 Beijing time is of that year. */
export function receiptYear(receivedAt: Date): number {
  return Number(shanghaiDateOf(receivedAt.toISOString()).slice(0, 4));
}

/**
 * The next 受理编号 of a jurisdiction, process and year of receipt, e.g. 冀数共申〔2026〕0001号 (docs/CASE-NUMBERS.md; the
 * text is made by the database's `case_number_text`, migration 0018, which also numbered earlier cases). Call it in the
 * transaction that inserts the case: the counter row stays locked until that transaction ends, so concurrent creations
 * queue and none share a number, and a creation rolled back gives its number back (no gaps).
 */
export async function nextCaseNumber(tx: Tx, jurisdiction: string, process: Process, receivedAt: Date): Promise<string> {
  const [row] = await tx
    .insert(caseNumberCounters)
    .values({ jurisdiction, process, year: receiptYear(receivedAt), last: 1 })
    .onConflictDoUpdate({
      target: [caseNumberCounters.jurisdiction, caseNumberCounters.process, caseNumberCounters.year],
      set: { last: sql`${caseNumberCounters.last} + 1` },
    })
    .returning({
      number: sql<string>`case_number_text(${caseNumberCounters.jurisdiction}, ${caseNumberCounters.process}, ${caseNumberCounters.year}, ${caseNumberCounters.last})`,
    });
  if (!row) throw new Error(`no case number for ${jurisdiction} ${process}`);
  return row.number;
}
