import { z } from 'zod';
import { makePatternsPortable } from './portable-patterns.js';
import type { CatalogEntry } from './schema-catalog.js';

/**
 * Generates the published JSON Schema (draft 2020-12) of one catalog entry with zod 4's
 * own `z.toJSONSchema`, makes its patterns mean the same in other languages' regex engines
 * ({@link makePatternsPortable}), then pins `$id` and `title` first so the files read well.
 */
export function generateJsonSchema(entry: CatalogEntry): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(entry.schema, {
    target: 'draft-2020-12',
    unrepresentable: 'throw',
  }) as Record<string, unknown>;
  makePatternsPortable(body);
  return { $schema, $id: entry.id, title: entry.title, ...body };
}

/** The exact bytes committed under `schemas/` for one entry. */
export function renderJsonSchema(entry: CatalogEntry): string {
  return `${JSON.stringify(generateJsonSchema(entry), null, 2)}\n`;
}
