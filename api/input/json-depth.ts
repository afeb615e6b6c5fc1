import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../problem';
import { text as bilingual } from '../problem-text';

/** No request body of this API nests deeper than a few levels; 32 leaves room and bounds every later walk. */
export const maxJsonDepth = 32;

/** The deepest nesting of arrays and objects in JSON text, counted without parsing it (strings skipped). */
export function jsonDepth(text: string, stopAbove = maxJsonDepth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Parses JSON bodies as Fastify does (prototype-poisoning protection included) after refusing nesting deeper than
 * {@link maxJsonDepth}: `[` × 200,000 used to overflow the stack of the walks that follow parsing.
 */
export function installJsonDepthLimit(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepth(text) > maxJsonDepth) {
      done(HttpProblem.badRequest('body', bilingual(`数组和对象的嵌套不能超过 ${maxJsonDepth} 层`, `nests arrays and objects deeper than ${maxJsonDepth} levels`), 'maxDepth'), undefined);
      return;
    }
    // Answers through `done`; the promise some parser versions also return is not what Fastify waits on.
    void parse(request, text, done);
  });
}
