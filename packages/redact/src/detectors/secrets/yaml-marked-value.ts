import { isBlank } from '../../char-class.js';
import { runEnd } from '../long-value.js';
import { ENV_VALUE_REST } from './env-file-line.js';

/** A YAML anchor's name after its `&`: anything but blanks and flow indicators (`,[]{}`). */
const ANCHOR_NAME = /[^\s,[\]{}]*/y;

/**
 * Symbols of Django's secret-key alphabet (`!@#$%^&*(-_=+)`) besides `-` and `_`: a key
 * starting with `&` holds one past its first character with near certainty, an anchor a
 * person names (`&db_creds`, `&defaults`) none.
 */
const KEY_SYMBOLS = /[!@#$%^&*()=+]/;

/** Most blanks read after YAML's `:` before its value. */
const MAX_BLANKS = 4;

/** Where a YAML value marked by its first character is: its start and, for a whole token, its end. */
export interface YamlMarkedValue {
  /** Offset of the value (after an anchor: of the blank before it, where a value is read as usual). */
  readonly start: number;
  /** End of a whole token to report as it is (`)k3#…`, `&k3#…`); -1 when the value is read as usual from `start`. */
  readonly end: number;
}

/**
 * The value after YAML's `: ` at `from` when it starts with a character a bare value in
 * code never does: an anchor naming the value that follows on its line (`password: &db_pw
 * <value>`, reused as `*db_pw`), read from after the anchor; or, on an env line
 * (`envLine`: `DJANGO_SECRET_KEY: …`), a whole token to a blank or the line's end starting
 * with `)`, or with `&` and holding a symbol of Django's alphabet after it (a key that
 * `get_random_secret_key()` started so, not an anchor of a mapping below). Undefined for
 * anything else (an anchor alone on its line names the mapping or list below it). One
 * linear run from `from`.
 */
export function yamlMarkedValue(
  text: string,
  from: number,
  envLine: boolean,
): YamlMarkedValue | undefined {
  let at = from;
  while (at - from < MAX_BLANKS && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  const c = text.charCodeAt(at);
  if (c !== 38 /* & */ && c !== 41 /* ) */) return undefined;
  if (c === 38) {
    const nameEnd = runEnd(ANCHOR_NAME, text, at + 1);
    const after = text.charCodeAt(nameEnd);
    if (nameEnd > at + 1 && (after === 32 || after === 9)) return { start: nameEnd, end: -1 };
  }
  if (!envLine) return undefined;
  const end = runEnd(ENV_VALUE_REST, text, at);
  if (end <= at + 1 || (end < text.length && !isBlank(text.charCodeAt(end)))) return undefined;
  if (c === 38 && !KEY_SYMBOLS.test(text.slice(at + 1, end))) return undefined;
  return { start: at, end };
}
