/** The parts of a JSON schema the edge's text rules look at. */
export interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  'x-multiline'?: boolean;
  'x-verbatim'?: boolean;
}

function alternatives(schema: SchemaNode): SchemaNode[] {
  return [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
}

/** The schema of a member (object key or array index) of a value with the given schema, if the schema says. */
export function memberSchema(schema: SchemaNode | undefined, key: string | number): SchemaNode | undefined {
  if (!schema) return undefined;
  for (const s of alternatives(schema)) {
    if (typeof key === 'number') {
      if (s.items) return Array.isArray(s.items) ? s.items[key] : s.items;
      continue;
    }
    const own = s.properties?.[key];
    if (own) return own;
    const pattern = s.patternProperties ? Object.values(s.patternProperties)[0] : undefined;
    if (pattern) return pattern;
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return s.additionalProperties;
  }
  return undefined;
}

/** A flag (`x-multiline`, `x-verbatim`) set on the schema or one of its alternatives. */
export function hasFlag(schema: SchemaNode | undefined, flag: 'x-multiline' | 'x-verbatim'): boolean {
  return !!schema && alternatives(schema).some((s) => s[flag] === true);
}
