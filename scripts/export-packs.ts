/**
 * Writes the built-in rule packs as data: one JSON file per text in `rules/packs/data/<id>.json`, and the JSON Schema
 * they follow (`rule-pack.schema.json`, generated from `packs/schema.ts`). Run after changing a pack or its
 * types: `npm run rules:export`. `tests/rules/packs-are-validated-data.test.ts` fails while the files are stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packFileText, packHash, validatePack } from '../packs/data.js';
import { rulePackJsonSchema } from '../packs/schema.js';
import { getPack, listPacks } from '../rules/index.js';

const dir = fileURLToPath(new URL('../rules/packs/data/', import.meta.url));

writeFileSync(`${dir}rule-pack.schema.json`, packFileText(rulePackJsonSchema()));
for (const { id } of listPacks()) {
  const pack = getPack(id);
  const issues = validatePack(pack);
  if (issues.length > 0) throw new Error(`${id}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  writeFileSync(`${dir}${id}.json`, packFileText(pack));
  console.log(`${id}.json  ${pack.version}  ${packHash(pack)}`);
}
