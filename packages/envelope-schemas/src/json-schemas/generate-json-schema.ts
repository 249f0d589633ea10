import { z } from 'zod';
import type { CatalogEntry } from './schema-catalog.js';

/**
 * Generates the published JSON Schema (draft 2020-12) of one catalog entry with zod 4's
 * own `z.toJSONSchema`, then pins `$id` and `title` first so the files read well.
 */
export function generateJsonSchema(entry: CatalogEntry): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(entry.schema, {
    target: 'draft-2020-12',
    unrepresentable: 'throw',
  }) as Record<string, unknown>;
  return { $schema, $id: entry.id, title: entry.title, ...body };
}

/** The exact bytes committed under `schemas/` for one entry. */
export function renderJsonSchema(entry: CatalogEntry): string {
  return `${JSON.stringify(generateJsonSchema(entry), null, 2)}\n`;
}
