import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../src/index.js';
import { renderJsonSchema } from '../src/json-schemas/generate-json-schema.js';
import { schemaCatalog } from '../src/json-schemas/schema-catalog.js';

const schemasDir = new URL('../schemas/', import.meta.url);

describe('published JSON Schemas', () => {
  it.each(Object.values(schemaCatalog))('$file matches what zod generates now', (entry) => {
    const committed = readFileSync(new URL(entry.file, schemasDir), 'utf8');
    // On failure: run `npm run generate -w @pm/envelope-schemas` and commit the result.
    expect(committed).toBe(renderJsonSchema(entry));
  });

  it('publishes exactly the catalog, each draft 2020-12 with a stable $id and title', () => {
    const files = readdirSync(schemasDir).sort();
    expect(files).toEqual(
      Object.values(schemaCatalog)
        .map((e) => e.file)
        .sort(),
    );
    for (const [name, entry] of Object.entries(schemaCatalog)) {
      const doc = jsonSchemas[name as keyof typeof jsonSchemas];
      expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(doc.$id).toBe(entry.id);
      expect(doc.title).toBe(entry.title);
      expect(doc).toEqual(JSON.parse(readFileSync(new URL(entry.file, schemasDir), 'utf8')));
    }
  });

  it('are not the empty schema zod-to-json-schema would produce from zod 4', () => {
    for (const doc of Object.values(jsonSchemas)) {
      expect(Object.keys(doc).length).toBeGreaterThan(3);
    }
    const envelope = jsonSchemas.requestEnvelopeV1 as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(envelope.required).toEqual([
      'schema_version',
      'run_id',
      'stage',
      'model',
      'input_artifacts',
      'redaction_profile',
      'response_schema',
    ]);
    expect(envelope.additionalProperties).toBe(false);
  });

  it('are exported by the package as @pm/envelope-schemas/schemas/<name>.json and shipped', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['./schemas/*.json']).toBe('./schemas/*.json');
    expect(pkg.files).toContain('schemas');
  });
});
