/**
 * Reading a YAML value written on the line after its key: a plain scalar (`password:\n
 * <v>`) or a block scalar (`password: |\n  <v>`, `>-`, `|2`), also after an anchor or a
 * `!!str` (`password: &pw\n  <v>`, `password: !!str |\n  <v>`). Only YAML puts a bare value
 * there, so the key must start its line (after indentation, a list's `- ` or a quote:
 * `if token:\n    …` in Python is a block, not a value), the value line must be indented
 * deeper than the key, hold one token and nothing after it, and be the only line of the
 * value (a multi-line value is prose or a certificate, read by other detectors). Every
 * loop is bounded: constant work per key.
 */

/** Longest line prefix (indentation and `- ` markers) read before a key. */
const MAX_INDENT = 64;

/**
 * A node's properties after the key's `:`, before the line break: an anchor (`&pw`) and
 * YAML's own string tag (`!!str`), one of each at most, in either order. The value is then
 * on the next line all the same (`password: &pw\n  <v>`). Another tag is left alone: it
 * says the value is something else than the text (`!vault`: encrypted; `!Ref`, `!secret`:
 * a reference).
 */
const NODE_PROPERTIES = /(?:[ \t]{1,4}(?:&[^\s,[\]{}]{1,64}|!!str)){1,2}/y;

/** A block scalar's header after the key's `:`: `|` or `>`, then chomping and indentation indicators. */
const BLOCK_HEADER = /[ \t]{1,4}[|>][-+]?[1-9]?[-+]?[ \t]{0,4}(?=\r?\n)/y;

/** The value line: indentation, one token (no blank, not a YAML indicator first), trailing blanks. */
const VALUE_LINE =
  /\r?\n([ \t]{1,64})([^\s#&*!?|>\-[\]{}"'`%@,][^\s]{0,255})[ \t]{0,16}(?=\r?\n|$)/dy;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The column of the key starting at `keyStart` when only indentation, `- ` list markers
 * and an opening quote stand before it on its line; -1 otherwise.
 */
function keyColumn(text: string, keyStart: number): number {
  let i = keyStart;
  if (text.charCodeAt(i - 1) === 34 || text.charCodeAt(i - 1) === 39) i--;
  const limit = Math.max(0, keyStart - MAX_INDENT);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (c === 10) break;
    if (!(isBlank(c) || (c === 45 /* - */ && isBlank(text.charCodeAt(i))))) return -1;
    i--;
  }
  if (i > 0 && text.charCodeAt(i - 1) !== 10) return -1;
  return keyStart - i;
}

/** Indentation of the line starting at `from` (just past its line break), or -1 when it is blank or the text ends. */
function lineIndent(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from <= MAX_INDENT && isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (i >= text.length || c === 10 || c === 13) return -1;
  return i - from;
}

/**
 * The span `[start, end)` of a YAML value on the line after the key at `keyStart`, whose
 * `:` ends at `sepEnd`, or undefined when none stands there as YAML writes one.
 */
export function yamlNextLineValue(
  text: string,
  keyStart: number,
  sepEnd: number,
): [number, number] | undefined {
  const column = keyColumn(text, keyStart);
  if (column < 0) return undefined;
  let at = sepEnd;
  NODE_PROPERTIES.lastIndex = at;
  if (NODE_PROPERTIES.test(text)) at = NODE_PROPERTIES.lastIndex;
  BLOCK_HEADER.lastIndex = at;
  if (BLOCK_HEADER.test(text)) at = BLOCK_HEADER.lastIndex;
  else {
    while (at - sepEnd < 4 && isBlank(text.charCodeAt(at))) at++;
  }
  VALUE_LINE.lastIndex = at;
  const m = VALUE_LINE.exec(text);
  if (m === null || m[1]!.length <= column) return undefined;
  const token = m[2]!;
  // `nested:` or `nested: x` is a mapping under the key, not its value.
  if (token.endsWith(':')) return undefined;
  const [start, end] = m.indices![2]!;
  // The value is one line: a deeper line after it continues a multi-line scalar.
  let next = VALUE_LINE.lastIndex;
  if (text.charCodeAt(next) === 13) next++;
  if (text.charCodeAt(next) === 10) {
    const indent = lineIndent(text, next + 1);
    if (indent > column) return undefined;
  }
  return [start, end];
}
