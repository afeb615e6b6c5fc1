import { createHash } from 'node:crypto';
import { canonicalJson } from '../db/canonical-json';
import { fieldError, HttpProblem } from './problem';
import { text } from './problem-text';

/**
 * What an Idempotency-Key is bound to: the route and the whole body as the handler received it (after the edge's
 * normalisation), as canonical JSON, so the same request sent again matches whatever order its keys came in, and a
 * request that differs in any field — a description, a receipt date, a reason — does not.
 */
export function idempotencyFingerprint(route: string, body: unknown): string {
  return createHash('sha256').update(`${route}\n${canonicalJson(body)}`).digest('hex');
}

/** The 409 for a key sent again with another request: the first request stands, nothing of the second is stored. */
export function idempotencyKeyReused(): HttpProblem {
  const message = text(
    '已用于另一个请求（不同的地址或内容）；新的请求请使用新的 Idempotency-Key',
    'was already used for a different request (another route or another body); send a new key for a new request',
  );
  return HttpProblem.fields(409, [fieldError('headers.idempotency-key', message, 'keyReused')]);
}
