/**
 * The worker of `npm run worker`, except that each duty step's escalation ladder is planned at fixed offsets from the
 * step's clock start (the case's receipt) instead of working days later, so timers fall due within minutes:
 * `LADDER=reminder:20,overdue:40` fires the reminder 20 s and the overdue notice 40 s after receipt. Everything else —
 * the workflows, their timers, the activities that record escalations, notifications and audit rows, the reconciler —
 * is the real code.
 * Needs DATABASE_URL, TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE.
 */
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { PlannedRung } from '../../activities/ladder';
import type { Deadline } from '../../calendar';
import { CalendarStore } from '../../db/calendar-store';
import { startReconciler } from '../../case-start/reconciler';
import { connectDb } from '../../db/client';
import { PackStore } from '../../db/pack-store';
import type { EscalationRung } from '../../db/schema';
import { workflowBundle } from '../../worker';

/** `reminder:20,overdue:40` → rungs with their offsets in ms. */
export function parseLadder(spec: string): Array<{ rung: EscalationRung; offsetMs: number }> {
  return spec.split(',').map((part) => {
    const [rung, seconds] = part.split(':');
    return { rung: rung as EscalationRung, offsetMs: Number(seconds) * 1000 };
  });
}

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} must be set`);
    return value;
  };
  const ladder = parseLadder(env('LADDER'));
  const { db, close } = connectDb(env('DATABASE_URL'));
  const calendar = new CalendarStore(db);
  const activities = createActivities({ db, calendar: () => calendar.current() });
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    workflowBundle: await workflowBundle(),
    activities: {
      ...activities,
      async planEscalations(input: { deadline: Deadline }): Promise<PlannedRung[]> {
        const start = Date.parse(input.deadline.start);
        return ladder.map(({ rung, offsetMs }) => ({
          rung,
          at: new Date(start + offsetMs).toISOString(),
          explanation: { zh: `压缩时标：受理后 ${offsetMs / 1000} 秒`, en: `compressed ladder: ${offsetMs / 1000} s after receipt` },
        }));
      },
    },
  });
  // As in worker.ts: committed cases without a workflow are started.
  const reconciler = startReconciler({ db, temporal: new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }), taskQueue: env('TEMPORAL_TASK_QUEUE'), packs: new PackStore(db, 1000) });
  console.log(`compressed-ladder worker polling ${env('TEMPORAL_TASK_QUEUE')}`);
  await worker.run();
  await reconciler.stop();
  await connection.close();
  await close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
