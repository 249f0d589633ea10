/**
 * Rewrites the `pattern`s of a generated JSON Schema so that they accept the same strings
 * in every regex engine that JSON Schema validators use, not only ECMAScript's (ajv, zod).
 * JSON Schema says patterns are ECMA-262 regexes, but validators in other languages run
 * them with their own engine, and two differences change answers:
 *
 * - `$` in Python's `re` (the `jsonschema` package) also matches before a final `\n`, so
 *   `"run-1\n"` matched `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`. Every string schema with a
 *   pattern gets `not: { type: string, pattern: "\n" }` beside it: no pattern here can match
 *   a newline in ECMAScript (checked below), so this refuses nothing zod accepts, and it
 *   works in every engine (RE2 too, which has no lookahead for a `$(?!\n)`).
 * - `\d` in Python matches any Unicode decimal digit (`٣`, `３`); it becomes `[0-9]`, its
 *   meaning in ECMAScript.
 *
 * Mutates `node` (a freshly generated schema) in place.
 *
 * @throws Error when a pattern could match a newline (a `\s`, a negated class…): the guard
 *   would then refuse strings zod accepts, so that pattern needs a decision of its own.
 */
export function makePatternsPortable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) makePatternsPortable(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps names to schemas: a property named "pattern" is an object, skipped.
    if (key === 'pattern' && typeof value === 'string') continue;
    makePatternsPortable(value);
  }
  if (typeof schema.pattern !== 'string') return;
  const pattern = schema.pattern;
  if (/\\[sSWDnrbB]|\[\^|\\u000[aAdD]/.test(pattern)) {
    throw new Error(
      `JSON Schema pattern ${JSON.stringify(pattern)} may match a line break: decide how other regex engines should read it before publishing it.`,
    );
  }
  schema.pattern = asciiDigits(pattern);
  if (schema.not !== undefined) {
    throw new Error(`A string schema with pattern ${JSON.stringify(pattern)} already has a "not".`);
  }
  schema.not = { type: 'string', pattern: '\\n' };
}

/** `\d` outside a character class becomes `[0-9]` (inside one it would nest a class). */
function asciiDigits(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (next === 'd' && inClass) {
        throw new Error(`JSON Schema pattern ${JSON.stringify(pattern)} has \\d inside a class.`);
      }
      out += next === 'd' ? '[0-9]' : c + next;
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}
