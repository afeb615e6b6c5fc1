import { readdirSync, readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../worker';

const historiesDir = new URL('../histories/', import.meta.url);
// Histories of earlier workflow code stay in subfolders: cases started then may still be running, so they must replay too.
const files = readdirSync(historiesDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

/** A change that would break a running case's history fails here, before it is deployed. */
describe('recorded histories replay on the current workflow code', () => {
  it('has a recorded history of every process', () => {
    for (const process of ['share-request', 'catalogue-change', 'quality-dispute', 'negative-list']) {
      expect(files.some((f) => f.startsWith(`${process}.`))).toBe(true);
      expect(files.some((f) => f.startsWith(`before-local-activities/${process}.`))).toBe(true);
      expect(files.some((f) => f.startsWith(`before-ladder/${process}.`))).toBe(true);
      expect(files.some((f) => f.startsWith(`before-handoff-notices/${process}.`))).toBe(true);
      expect(files.some((f) => f.startsWith(`before-open-options/${process}.`))).toBe(true);
      // Status changes keyed on the workflow's clock, before patched('status-change-once') numbered them.
      expect(files.some((f) => f.startsWith(`before-status-change-once/${process}.`))).toBe(true);
    }
    // A case whose objection lapsed under the old local policy, and the same case on today's code, where it stays open.
    expect(files).toContain('before-open-options/share-request.conditional.refused-objection-window-passed.json');
    expect(files).toContain('share-request.conditional.refused-objection-window-passed.json');
    // Anhui art. 26 applied for to the provider directly (patched('anhui-direct-review')) and art. 27's own workflow type.
    expect(files).toContain('quality-dispute.anhui-direct-extended-accepted.json');
    expect(files).toContain('data-inconsistency.anhui-no-agreement-coordinated.json');
    // A case whose input carries the exact pack version bound at receipt (docs/RULES.md, "Packs as data").
    expect(files).toContain('share-request.conditional.bound-version-agreed.json');
  });

  it('replays every one without nondeterminism', async () => {
    const histories = files.map((f) => ({ workflowId: f, history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(new URL(f, historiesDir), 'utf8'))) }));
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories);
    const failures: string[] = [];
    for await (const result of results) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });
});
