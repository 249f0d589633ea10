// Writes schemas/*.json from the zod sources: `npm run generate -w @pm/envelope-schemas`.
// A test regenerates them in memory and fails when the committed files differ.
import { writeFileSync } from 'node:fs';
import { renderJsonSchema } from '../src/json-schemas/generate-json-schema.js';
import { schemaCatalog } from '../src/json-schemas/schema-catalog.js';

for (const entry of Object.values(schemaCatalog)) {
  writeFileSync(new URL(`../schemas/${entry.file}`, import.meta.url), renderJsonSchema(entry));
  console.log(`wrote schemas/${entry.file}`);
}
