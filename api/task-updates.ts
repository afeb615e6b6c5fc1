import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { canonicalJson } from '../db/canonical-json';
import { HttpProblem } from './problem';
import { problemForUpdateFailure } from './temporal-errors';
import { text, type Text } from './problem-text';

/**
 * How long a request waits for the case's workflow to take a decision (run its validator and record it) before
 * answering. A busy or stopped worker must not hold a person's request open: after this they are told what is true
 * (it may still be recorded) instead of waiting for a hang to end. @default 8 s, or TASK_UPDATE_WAIT_MS
 */
export function taskUpdateWaitMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.TASK_UPDATE_WAIT_MS ?? 8_000);
  return Number.isFinite(ms) && ms >= 100 ? ms : 8_000;
}

/**
 * The update's id: the message and its whole input, hashed. Temporal takes an update id once per workflow run, so the
 * same decision sent again (after a timeout, a lost answer, a double click) attaches to the first instead of being
 * taken twice; a rejected one leaves no trace and may be sent again, corrected or not.
 */
export function taskUpdateId(name: string, input: unknown): string {
  return `${name}:${createHash('sha256').update(canonicalJson(input)).digest('hex')}`;
}

/**
 * Sends a task's update (a decision, an extension request) to its case's workflow and waits at most `waitMs` for its
 * outcome. The workflow's refusals become the problems the caller can act on (422 naming the field, 409, 403); a
 * workflow that has not answered in time is a 503 that says the act may still be recorded and that sending the same
 * one again is safe.
 */
export async function sendTaskUpdate<Ret, Arg>(
  temporal: Client,
  workflowId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  input: Arg,
  waitMs: number,
  what: Text,
): Promise<Ret> {
  const deadline = Date.now() + waitMs;
  try {
    return await temporal.withDeadline(deadline, () =>
      temporal.workflow.getHandle(workflowId).executeUpdate(update, { updateId: taskUpdateId(update.name, input), args: [input] }),
    );
  } catch (error) {
    const refused = problemForUpdateFailure(error);
    if (refused) throw refused;
    if (Date.now() >= deadline) {
      throw HttpProblem.unavailable(
        text(
          `案件未能在 ${Math.round(waitMs / 1000)} 秒内受理该${what.zh}，稍后仍可能记录。请刷新待办后再操作；重复提交同一内容是安全的，不会重复办理。`,
          `The case has not taken the ${what.en} within ${Math.round(waitMs / 1000)} s; it may still record it. Reload the task before acting again: sending the same ${what.en} again is safe, it is never taken twice.`,
        ),
      );
    }
    throw HttpProblem.unavailable(text(`${what.zh}暂时无法提交，请稍后重试。`, `The ${what.en} could not be sent now: ${(error as Error).message}`));
  }
}
