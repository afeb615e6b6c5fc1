import { upsertSearchAttributes } from '@temporalio/workflow';
import { getPack, type FlowId, type RulePack } from '../rules';
import { CaseRuntime } from './case-runtime';
import { byRule } from './failures';
import type { CaseInput } from './messages';
import { searchAttributes } from './search-attributes';

/**
 * Indexes the case for the Temporal UI and list queries, and sets up its runtime before anything is awaited, so its
 * queries and updates are answered from the first moment. The flow may be given later with `useFlow`.
 */
export function startCase(process: string, input: CaseInput, flow?: FlowId): CaseRuntime {
  upsertSearchAttributes([
    { key: searchAttributes.process, value: process },
    { key: searchAttributes.requestId, value: input.requestId },
    { key: searchAttributes.jurisdiction, value: input.jurisdiction },
    { key: searchAttributes.pack, value: input.pack },
    { key: searchAttributes.requester, value: input.parties.requester },
    { key: searchAttributes.provider, value: input.parties.provider },
  ]);
  const kase = new CaseRuntime({ requestId: input.requestId, jurisdiction: input.jurisdiction, pack: casePack(input), parties: input.parties });
  if (flow) kase.useFlow(flow);
  return kase;
}

/**
 * The pack a case runs: the version bound at receipt, as its input (in history) carries it; for a case started before
 * versions were bound, the built-in pack of its id, exactly as then.
 */
export function casePack(input: CaseInput): RulePack {
  return input.packData ?? byRule(() => getPack(input.pack));
}

const closingStatuses: Record<string, string> = {
  provided: 'fulfilled',
  'direct-access': 'fulfilled',
  withdraw: 'withdrawn',
  waive: 'refused',
  'uphold-refusal': 'refused',
  reject: 'rejected',
  approve: 'approved',
  filed: 'filed',
  accept: 'resolved',
  'uphold-answer': 'resolved',
  'order-provision': 'provision-ordered',
  'order-repair': 'repair-ordered',
  return: 'returned',
  consensus: 'resolved',
  coordinated: 'resolved',
};

/** The status a case closes with, from the decision that ended it. */
export function closingStatus(decision: string): string {
  return closingStatuses[decision] ?? 'closed';
}
