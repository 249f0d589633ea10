/**
 * The name a structured request's response format goes by (`ResponseFormat.name`): its
 * schema id with what provider APIs refuse in a name replaced, e.g. `next-command@1` ->
 * `next-command_1`.
 */
export function formatName(schemaId: string): string {
  return schemaId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}
