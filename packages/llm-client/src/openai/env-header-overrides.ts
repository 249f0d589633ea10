/**
 * `defaultHeaders` for the SDK client that undo `OPENAI_CUSTOM_HEADERS`. The openai SDK adds
 * each `Name: value` line of that variable to every request, after its own auth header: a
 * variable set for another tool would replace the governed key (`Authorization`), bring back
 * the `OpenAI-Organization` the provider leaves out, or send headers the host never
 * configured to the provider (and, since their names are unknown, past a cross-origin
 * redirect). Each such name is removed (`null`, the SDK's way to drop a header), and an
 * `Authorization` line is answered with the governed key. Parsed as the SDK parses it.
 */
export function envHeaderOverrides(
  authorization: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string | null> | undefined {
  const lines = env.OPENAI_CUSTOM_HEADERS?.trim();
  if (!lines) return undefined;
  const overrides: Record<string, string | null> = {};
  for (const line of lines.split('\n')) {
    const colon = line.indexOf(':');
    const name = colon >= 0 ? line.slice(0, colon).trim() : '';
    if (!name) continue;
    overrides[name] = name.toLowerCase() === 'authorization' ? authorization : null;
  }
  return overrides;
}
