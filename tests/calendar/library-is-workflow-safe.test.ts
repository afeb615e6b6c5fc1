import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../calendar', import.meta.url));

function libraryFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return libraryFiles(p);
    return e.name.endsWith('.ts') && e.name !== 'cli.ts' ? [p] : [];
  });
}

describe('calendar library is safe to import in Temporal workflow code', () => {
  const files = libraryFiles(DIR);

  it.each(files.map((f) => [relative(DIR, f), f]))('%s imports only date-fns, @date-fns/tz and its own files', (_name, file) => {
    const src = readFileSync(file, 'utf8');
    const specifiers = [...src.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]!);
    for (const s of specifiers) expect(s.startsWith('.') || s === 'date-fns' || s.startsWith('@date-fns/')).toBe(true);
  });

  it.each(files.map((f) => [relative(DIR, f), f]))('%s reads no clock and no randomness', (_name, file) => {
    const src = readFileSync(file, 'utf8');
    expect(src).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|performance\.|process\./);
  });
});
