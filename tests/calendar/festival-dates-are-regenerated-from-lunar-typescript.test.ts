import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFestivalDatesModule } from '../../scripts/festival-dates.js';

const version = (JSON.parse(readFileSync(new URL('../../node_modules/lunar-typescript/package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('calendar/data/festival-dates.ts', () => {
  it('is exactly what lunar-typescript computes now (npm run calendar:festival-dates)', () => {
    const committed = readFileSync(new URL('../../calendar/data/festival-dates.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderFestivalDatesModule(version));
  });
});
