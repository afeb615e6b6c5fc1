import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { isStrictDate, isStrictDateTime } from './instants';

/**
 * Bodies are JSON and mean what they say: `"scenario": true` is a boolean, not the text "true". Only the parts that
 * arrive as text (query string, path parameters, headers) are coerced to the types their schemas declare.
 */
const shared: Options = { removeAdditional: false, allErrors: true, useDefaults: true, strict: false };

function createAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ ...shared, coerceTypes: coerce ? 'array' : false });
  addFormats(ajv);
  // RFC 3339 as written: ajv-formats also takes `t`, `z`, a space for `T`, and 23:59:60.
  ajv.addFormat('date-time', { type: 'string', validate: isStrictDateTime });
  ajv.addFormat('date', { type: 'string', validate: isStrictDate });
  // Documentation for people and the edge's text rules (api/input/text-rules.ts), not a validation keyword.
  ajv.addKeyword({ keyword: 'x-multiline', schemaType: 'boolean' });
  return ajv;
}

/** Installs one validator for bodies (strict) and one for the text parts of a request (coercing). */
export function installStrictValidation(app: FastifyInstance): void {
  const body = createAjv(false);
  const text = createAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? body : text;
    const id = (schema as FastifySchema & { $id?: string }).$id;
    return (id && ajv.getSchema(id)) || ajv.compile(schema);
  });
}
