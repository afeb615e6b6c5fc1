/** A worker with only the baseline timer workflow (bench/support/workflows/sleep-timer.ts). Needs TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
    workflowsPath: fileURLToPath(new URL('./workflows/sleep-timer.ts', import.meta.url)),
    bundlerOptions: { ignoreModules: [] },
  });
  console.log('sleep worker polling');
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
