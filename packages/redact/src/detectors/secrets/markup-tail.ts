import { isAsciiAlphanumeric, isBlank } from '../../char-class.js';

/** A character of an XML or HTML tag name (`password`, `wsse:Password`, `my-key`). */
function isTagNameChar(c: number): boolean {
  return isAsciiAlphanumeric(c) || c === 95 || c === 45 || c === 46 || c === 58;
}

/** How many blanks may stand between a closing tag's name and its `>`. */
const MAX_BLANKS_IN_TAG = 16;

/** Whether blanks from `at` (at most {@link MAX_BLANKS_IN_TAG}) lead to a `>`. */
function gtAfterBlanks(text: string, at: number): boolean {
  const stop = Math.min(text.length, at + MAX_BLANKS_IN_TAG);
  for (let i = at; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 62) return true;
    if (!isBlank(c)) return false;
  }
  return false;
}

/**
 * Where an unquoted value in `text[start, end)` ends when its tail is markup: a closing
 * tag the value ran into (`password=…</password>`, `token: …</td>`, `…</password` and a
 * line break), an opening or empty tag (`…<br>`, `…<br/>`), the `<` of a JSON-escaped
 * closing tag (`…<\/p>`) or the `/` of a self-closing tag (`<input password=…/>`). A bare
 * value stops at `>` and blanks but not at `<` or `/`, which passwords hold, so the tag's
 * start was masked with the value (`password=[SECRET_1]><user>…`: markup broken), and a
 * value ending in `</password` was taken for a generic type and left in clear. Only a tag
 * that ends where the value stopped counts: a `<` inside a password is kept. Walks back
 * over the value only: linear in its length.
 *
 * @returns the end of the value without the tag, or `end` when its tail is no tag.
 */
export function endBeforeMarkup(text: string, start: number, end: number): number {
  const next = text.charCodeAt(end);
  const closes = next === 62; /* > */
  const blank = isBlank(next);
  // `<\/p>` in a JSON string: the bare value stopped at the `\`; in the copy scanned with
  // escapes blanked (`escaped-text.ts`) it stopped at the blank left for `\/`.
  const escapedSlash = (next === 92 && text.charCodeAt(end + 1) === 47) || blank;
  if (!closes && !escapedSlash) return end;
  let i = end;
  if (closes && i - 1 > start && text.charCodeAt(i - 1) === 47) i--; // `/>`, `<br/>`
  const afterName = i;
  while (i > start && isTagNameChar(text.charCodeAt(i - 1))) i--;
  const named = i < afterName;
  const closing = named && i - 1 > start && text.charCodeAt(i - 1) === 47; // `</name`
  if (closing) i--;
  if (i > start && text.charCodeAt(i - 1) === 60 /* < */) {
    // A closing tag may end after blanks (`</password\n>`); any other tag ends at `>`.
    if (closing && (closes || (blank && gtAfterBlanks(text, end)))) return i - 1;
    if (closes && named) return i - 1;
    if (escapedSlash && i === end) return i - 1;
  }
  return closes ? afterName : end;
}
