import { shanghaiDateOf } from '../rules';

/**
 * 受理编号 (docs/CASE-NUMBERS.md): a case's readable number, e.g. 冀数共申〔2026〕0001号, per jurisdiction, process and
 * Beijing year of receipt. The database gives it: a BEFORE INSERT trigger on `requests` takes the next value of the
 * case's row in `case_number_counters` in the inserting transaction, and `case_number_text` writes it (migration 0018,
 * which also numbered the cases received before it). Any insert of a case gets one, whichever code path inserts it.
 */

/** The Beijing year of a receipt instant, the year of its 受理编号: 31 December 16:00 UTC is already 1 January. */
export function receiptYear(receivedAt: Date): number {
  return Number(shanghaiDateOf(receivedAt.toISOString()).slice(0, 4));
}
