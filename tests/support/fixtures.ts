import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { requests } from '../../db/schema';
import { workflowIdFor, type CaseInput } from '../../workflows/messages';

/** Registers an unconditional share request from 民政厅 for 市场监管局's data, as the API would, and returns its workflow input. */
export async function registerShareRequest(db: Db, receivedAt: string): Promise<CaseInput & { workflowId: string }> {
  const id = randomUUID();
  const workflowId = workflowIdFor('share-request', id);
  await db.insert(requests).values({
    id,
    process: 'share-request',
    status: 'received',
    jurisdiction: 'hebei',
    pack: 'hebei-2023',
    requesterDepartmentId: 'hb-mzt',
    providerDepartmentId: 'hb-scjgj',
    authorityDepartmentId: 'hb-data',
    catalogueEntryId: 'HB-SCJGJ-0001',
    scenario: '社会组织登记核验',
    receivedAt: new Date(receivedAt),
    workflowId,
    createdBy: 'u-mzt-li',
  });
  return {
    requestId: id,
    workflowId,
    jurisdiction: 'hebei',
    pack: 'hebei-2023',
    catalogueEntryId: 'HB-SCJGJ-0001',
    parties: hebeiParties('hb-mzt', 'hb-scjgj'),
    receivedAt,
    submittedBy: 'u-mzt-li',
  };
}

/** The next Friday strictly after `nowMs`, at 10:00 Asia/Shanghai, as an ISO instant. */
export function nextFridayMorning(nowMs: number): string {
  const shanghai = new Date(nowMs + 8 * 3600_000);
  const daysAhead = ((5 - shanghai.getUTCDay() + 7) % 7) || 7;
  const friday = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + daysAhead, 2));
  return friday.toISOString();
}

/** The bodies of a Hebei provincial case between two departments. */
export function hebeiParties(requester: string, provider: string) {
  return { requester, provider, authority: 'hb-data', government: 'hb-gov', upperAuthority: 'nda' };
}

/** The Beijing calendar date `daysAgo` days before now (YYYY-MM-DD): a catalogue change's day of the change. */
export function beijingDate(daysAgo = 0): string {
  return new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}
