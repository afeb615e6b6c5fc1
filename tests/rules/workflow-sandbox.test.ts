/** The rules library bundles into Temporal's workflow sandbox and runs there, giving the same answers as outside. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { getPack, previewTimeline } from '../../rules/index.js';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } as never;

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./fixtures/preview-workflow.ts', import.meta.url)),
    logger: quiet,
  });
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('timeSkippingServer') } },
  });
});
afterAll(() => env?.teardown());

describe('rules in the workflow sandbox', () => {
  it('binds and previews inside a workflow exactly as outside', async () => {
    const taskQueue = `rules-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: bundle });
    const receivedAt = '2025-09-28T10:00:00+08:00';
    const inside = await worker.runUntil(
      env.client.workflow.execute('previewWorkflow', {
        taskQueue,
        workflowId: `rules-preview-${randomUUID()}`,
        args: ['hebei', 'conditional-share', receivedAt],
      }),
    );
    const outside = previewTimeline(getPack('hebei-2023'), 'conditional-share', receivedAt).map((s) => `${s.stepId}:${s.due}`);
    expect(inside).toEqual(outside);
    expect(inside.slice(0, 3)).toEqual(['review-forward:2025-10-09', 'provider-reply:2025-10-15', 'provide-data:2025-10-20']);
  });
});
