/** Writes `calendar/data/festival-dates.ts` (see scripts/festival-dates.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderFestivalDatesModule } from './festival-dates.js';

const pkg = JSON.parse(readFileSync(new URL('../node_modules/lunar-typescript/package.json', import.meta.url), 'utf8')) as { version: string };
const target = fileURLToPath(new URL('../calendar/data/festival-dates.ts', import.meta.url));
writeFileSync(target, renderFestivalDatesModule(pkg.version));
process.stdout.write(`wrote ${target}\n`);
