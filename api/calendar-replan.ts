import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, eq, or, sql } from 'drizzle-orm';
import { NATIONAL } from '../calendar';
import type { Db } from '../db/client';
import { requests, tasks } from '../db/schema';
import { calendarRepublishedSignal } from '../workflows/messages';

/**
 * Tells every open case whose deadline was provisional or reaches into `year` to recompute it on the calendar now in
 * force; for a region's calendar, only the cases counted in that region. Returns how many were told.
 */
export async function replanOpenCases(db: Db, temporal: Client, year: number, jurisdiction: string): Promise<number> {
  const rows = await db
    .selectDistinct({ workflowId: requests.workflowId })
    .from(tasks)
    .innerJoin(requests, eq(tasks.requestId, requests.id))
    .where(
      and(
        eq(tasks.status, 'open'),
        jurisdiction === NATIONAL ? undefined : sql`${tasks.deadline}->>'jurisdiction' = ${jurisdiction}`,
        or(
          sql`(${tasks.deadline}->>'provisional')::boolean`,
          and(sql`substr(${tasks.deadline}->>'startDate', 1, 4)::int <= ${year}`, sql`substr(${tasks.deadline}->>'due', 1, 4)::int >= ${year}`),
        ),
      ),
    );
  let signalled = 0;
  for (const { workflowId } of rows) {
    try {
      await temporal.workflow.getHandle(workflowId).signal(calendarRepublishedSignal, { year });
      signalled += 1;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  return signalled;
}
