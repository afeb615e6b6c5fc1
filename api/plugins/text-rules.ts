import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem';
import { hasFlag, memberSchema, type SchemaNode } from '../input/schema-at';
import { normaliseText, nulRefused, textProblem, unifyText } from '../input/text-rules';
import { text } from '../problem-text';

/** Headers whose values are stored (the rest are read, never kept). */
const storedHeaders = ['idempotency-key'];

/** Secrets are compared byte for byte: checked for what cannot be stored, never rewritten. */
const verbatimKey = /password/i;

interface Slot {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  path: string;
  schema: SchemaNode | undefined;
  verbatim: boolean;
}

/**
 * Checks and normalises every string of one part of a request, keys included, in place; throws a 400 naming the first
 * field that breaks a rule. Iterative (a stack, not recursion), so no nesting can overflow it.
 */
function checkPart(root: unknown, part: 'body' | 'query' | 'params', schema: SchemaNode | undefined): void {
  if (!root || typeof root !== 'object') return;
  const box = { root };
  const stack: Slot[] = [{ holder: box as unknown as Record<string, unknown>, key: 'root', path: part, schema, verbatim: false }];
  const multiLineAllowed = part === 'body';
  while (stack.length) {
    const slot = stack.pop()!;
    const value = (slot.holder as Record<string | number, unknown>)[slot.key];
    if (typeof value === 'string') {
      const verbatim = slot.verbatim || hasFlag(slot.schema, 'x-verbatim');
      // Normalised (NFC, CRLF as LF) before the check, as documented; a secret is checked as sent.
      const problem = textProblem(verbatim ? value : unifyText(value), multiLineAllowed && hasFlag(slot.schema, 'x-multiline'));
      if (problem) throw HttpProblem.badRequest(slot.path, problem);
      if (!verbatim) {
        const normal = normaliseText(value);
        if (normal !== value) (slot.holder as Record<string | number, unknown>)[slot.key] = normal;
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ holder: value, key: i, path: `${slot.path}[${i}]`, schema: memberSchema(slot.schema, i), verbatim: slot.verbatim });
      }
    } else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        const problem = textProblem(key, false);
        if (problem) throw HttpProblem.badRequest(slot.path, text(`有一个字段名${problem.zh}`, `has a key that ${problem.en}`));
        const normal = key.normalize('NFC');
        if (normal !== key && !(normal in object)) {
          object[normal] = object[key];
          delete object[key];
        }
      }
      const keys = Object.keys(object);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({
          holder: object,
          key,
          path: `${slot.path}.${key}`,
          schema: memberSchema(slot.schema, key),
          verbatim: slot.verbatim || verbatimKey.test(key),
        });
      }
    }
  }
}

function routeSchema(request: FastifyRequest, part: 'body' | 'querystring' | 'params'): SchemaNode | undefined {
  return (request.routeOptions.schema as Record<string, SchemaNode | undefined> | undefined)?.[part];
}

/**
 * Refuses, before validation, text the database cannot store or a reader would be misled by, naming the field, and
 * normalises the rest (NFC, trimmed, LF): one task completion with a lone surrogate used to freeze its case.
 */
export function installTextRules(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    checkPart(request.params, 'params', routeSchema(request, 'params'));
    // The web app's page takes no query of the server's (api/plugins/ui.ts): the app reads and checks it.
    if ((request.routeOptions.config as { appShell?: boolean } | undefined)?.appShell !== true) checkPart(request.query, 'query', routeSchema(request, 'querystring'));
    checkPart(request.body, 'body', routeSchema(request, 'body'));
    for (const [name, value] of Object.entries(request.headers)) {
      const values = Array.isArray(value) ? value : [value ?? ''];
      for (const v of values) {
        const problem = v.includes('\u0000') ? nulRefused : storedHeaders.includes(name) ? textProblem(v, false) : undefined;
        if (problem) throw HttpProblem.badRequest(`headers.${name}`, problem);
      }
    }
  });
}
