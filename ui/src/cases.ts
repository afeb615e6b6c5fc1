import { api, ApiError, processes } from './api';
import type { CaseDetail, CaseSummary, Process } from './types';

const processOf = new Map<string, Process>();

/** Remembers which process a case belongs to, from any list that showed it. */
export function rememberCases(cases: CaseSummary[]): void {
  for (const c of cases) processOf.set(c.id, c.process);
}

/** Remembers a case's process from a task of the queue, which names it. */
export function rememberProcess(requestId: string, process: Process | undefined): void {
  if (process) processOf.set(requestId, process);
}

/**
 * One case by id, whatever its process: the process is known from an earlier list, or each process's resource is
 * asked. A case the caller may not see is `null`, exactly like one that does not exist.
 */
/** For loads where a 404 means "not there or not yours": null, like a case the caller may not see. */
export function notFoundAsNull(error: unknown): null {
  if (error instanceof ApiError && error.status === 404) return null;
  throw error;
}

export async function findCase(requestId: string, signal?: AbortSignal): Promise<CaseDetail | null> {
  const known = processOf.get(requestId);
  if (known) {
    try {
      return await api.case(known, requestId, signal);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  const answers = await Promise.allSettled(processes.filter((p) => p !== known).map((p) => api.case(p, requestId, signal)));
  for (const a of answers) {
    if (a.status === 'fulfilled') {
      processOf.set(requestId, a.value.process);
      return a.value;
    }
  }
  for (const a of answers) {
    if (a.status === 'rejected' && !(a.reason instanceof ApiError && (a.reason.status === 404 || a.reason.status === 400))) throw a.reason;
  }
  return null;
}
