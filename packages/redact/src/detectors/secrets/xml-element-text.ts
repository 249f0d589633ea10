import { isBlank } from '../../char-class.js';
import type { Finding } from '../../finding.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * The text of an XML element that holds a credential: what follows the opening tag, in one
 * of the forms config files write it, and the check of the value found. Shared by the
 * detectors that find such an element by its name (`<password>`) or by a name attribute
 * (`<property name="password">`).
 */

export const CDATA_OPEN = '<![CDATA[';
export const CDATA_CLOSE = ']]>';
/** Spring's `<property name="…"><value>…</value></property>`. */
const VALUE_CHILD = '<value>';

/**
 * A label, not a value: words of letters ending with a colon (`Password:`, `API Key:`,
 * `Mot de passe :`, `Пароль:`), as UI strings and resource files hold them under a
 * credential name (Android's `<string name="prompt_password">`, .resx
 * `<data name="Password"><value>`, a `<password>` element of a form description). The
 * colon passed the value check as a symbol beside letters. A password of letters and a
 * final colon is the miss this trades for it. Anchored, one bounded class: linear.
 */
const LABEL = /^\p{L}[\p{L}\p{M} '\u2019-]{0,63}[:\uff1a]$/u;

/**
 * A label's words as words are written: lower case, Capitalised or in capitals (`API Key:`,
 * `E-Mail-Passwort:`), or letters without case. A random mix of cases in a word
 * (`qXzTrWbK:`) is a generated password, not a label. The alternatives start on disjoint
 * classes and run only on what `LABEL` let through (at most 65 characters): linear.
 */
const WORD = String.raw`(?:[\p{Lu}\p{Lt}](?:\p{Lu}[\p{Lu}\p{M}]*|[\p{Ll}\p{Lo}\p{Lm}\p{M}]*)|[\p{Ll}\p{Lo}\p{Lm}\p{M}]+)`;
const LABEL_WORDS = new RegExp(`^${WORD}(?:[ '\u2019-]+${WORD})*[ '\u2019-]*[:\uff1a]$`, 'u');

/**
 * Reports `text[start, end)`, blanks trimmed, when shaped like a secret and not a label. Delimited by tags
 * or quotes as a quoted value is by its quotes: read as one (`bare` false).
 */
export function reportXmlValue(
  text: string,
  start: number,
  end: number,
  detector: string,
  out: Finding[],
): void {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  const value = text.slice(start, end);
  if (!(LABEL.test(value) && LABEL_WORDS.test(value)) && isSecretValue(value, false, false)) {
    out.push({ type: 'secret', kind: 'generic', start, end, detector });
  }
}

/**
 * The `value` attribute, in any letter case (`Value=`, `VALUE=`, as hand-written configs
 * have it): group 1 is the `\` of a JSON-escaped quote, its text group 2 or 3 (after an
 * escaped opening quote the closing one's `\` ends group 2).
 */
const VALUE_ATTRIBUTE = /\svalue[ \t]*=[ \t]*(?:(\\?)"([^"<>]*)"|'([^'<>]*)')/di;

/** The span of the `value` attribute's text in the tag at `text[tagStart, tagEnd)`. */
export function valueAttribute(
  text: string,
  tagStart: number,
  tagEnd: number,
): readonly [number, number] | undefined {
  const value = VALUE_ATTRIBUTE.exec(text.slice(tagStart, tagEnd));
  if (value === null) return undefined;
  const [start, end] = value.indices![value[2] === undefined ? 3 : 2]!;
  const escaped = value[1] === '\\' && text.charCodeAt(tagStart + end - 1) === 92;
  return [tagStart + start, tagStart + end - (escaped ? 1 : 0)];
}

/** Whether a closing tag starts at `lt`: `</`, or JSON's `<\/`. */
function isClosingTag(text: string, lt: number): boolean {
  const slash = text.charCodeAt(lt + 1) === 92 /* \ */ ? lt + 2 : lt + 1;
  return text.charCodeAt(slash) === 47 /* / */;
}

/** Whether `text[from, to)` is blanks only. */
function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The ends (`]]>`) of CDATA sections, for searches that move left to right: a search from
 * before the last end found returns it without reading the text again, so a text of
 * sections that never close is read once, not once per section.
 */
export class CdataEnds {
  private from = -1;
  private end = -1;

  constructor(private readonly text: string) {}

  /** Offset of the first `]]>` at or after `from`, or -1. */
  after(from: number): number {
    const known = this.from >= 0 && from >= this.from && (this.end < 0 || this.end >= from);
    if (!known) {
      this.from = from;
      this.end = this.text.indexOf(CDATA_CLOSE, from);
    }
    return this.end;
  }
}

/**
 * The span of the element's text after its opening tag (ending at `tagEnd`), `lt` the next
 * `<`: plain text up to a closing tag, a CDATA section's content (which may hold `<`), or
 * the plain text of one `<value>` child; blanks around a section or child allowed.
 * Undefined for anything else (child elements, an unclosed section). Reads from `tagEnd`
 * to the next `<` after `lt` (or to the section's end, via `cdata`): each tag's own stretch.
 */
export function elementText(
  text: string,
  tagEnd: number,
  lt: number,
  cdata: CdataEnds,
): readonly [number, number] | undefined {
  if (isClosingTag(text, lt)) return [tagEnd, lt];
  if (!blankBetween(text, tagEnd, lt)) return undefined;
  if (text.startsWith(CDATA_OPEN, lt)) {
    const start = lt + CDATA_OPEN.length;
    const end = cdata.after(start);
    if (end < 0) return undefined;
    let after = end + CDATA_CLOSE.length;
    while (isBlank(text.charCodeAt(after))) after++;
    return text.charCodeAt(after) === 60 /* < */ && isClosingTag(text, after)
      ? [start, end]
      : undefined;
  }
  if (text.startsWith(VALUE_CHILD, lt)) {
    const start = lt + VALUE_CHILD.length;
    const close = text.indexOf('<', start);
    return close >= 0 && isClosingTag(text, close) ? [start, close] : undefined;
  }
  return undefined;
}
