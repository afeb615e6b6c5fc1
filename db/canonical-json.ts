/**
 * JSON with object keys sorted (by UTF-16 code unit) and `undefined` members left out, so two values that mean the
 * same serialise to the same string whatever order their keys came in. The audit chain hashes it, and so does the
 * binding of an Idempotency-Key to the body it was first sent with.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
