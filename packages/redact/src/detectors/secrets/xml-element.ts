import { isBlank } from '../../char-class.js';
import { endsWithCredentialName } from '../../credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { CDATA_CLOSE, CDATA_OPEN, reportXmlValue, valueAttribute } from './xml-element-text.js';

/**
 * A closing tag at a `</` (or `<\/`, as JSON may escape it): the element's name, with a
 * namespace prefix (`wsse:Password`), and the blanks XML allows before `>`. Bounded: linear.
 */
const CLOSING_TAG = /<\\?\/([A-Za-z_][\w.:-]{0,63})\s{0,8}>/y;

/** An opening (or empty-element) tag's name, at its `<`. Bounded: linear. */
const OPENING_TAG = /<([A-Za-z_][\w.:-]{0,63})[\s/>]/y;

/** Where a closing tag starts; JSON may write `</` as `<\/`. */
const NEEDLES: readonly string[] = ['</', '<\\/'];

/**
 * Whether an opening tag of `name` (attributes allowed, not self-closing) ends right before
 * `at`. Reads back to the tag's `<` only: the tag is short, and `at` follows its `>`.
 */
function opensElement(text: string, at: number, name: string): boolean {
  if (text.charCodeAt(at - 1) !== 62 /* > */ || text.charCodeAt(at - 2) === 47 /* / */) {
    return false;
  }
  const lt = text.lastIndexOf('<', at - 1);
  if (lt < 0 || !text.startsWith(name, lt + 1)) return false;
  const after = text.charCodeAt(lt + 1 + name.length);
  return after === 62 || isBlank(after);
}

function report(text: string, start: number, end: number, out: Finding[]): void {
  reportXmlValue(text, start, end, 'xml-credential', out);
}

/**
 * Checks the plain text of the element that the closing tag at `close` ends, named `name`.
 * Plain text holds no `<`: it starts after the last tag before `close`. (A CDATA section's
 * content, which may hold `<`, is read by `checkCdata`.)
 */
function checkText(text: string, close: number, name: string, out: Finding[]): void {
  const lt = text.lastIndexOf('<', close - 1);
  if (lt < 0) return;
  const gt = text.indexOf('>', lt);
  if (gt < 0 || gt >= close) return;
  if (opensElement(text, gt + 1, name)) report(text, gt + 1, close, out);
}

/**
 * Checks the CDATA section in `[open, end)` (`end` at its `]]>`): reported when it is all
 * of an element named like a credential, blanks aside
 * (`<password><![CDATA[…]]></password>`, the password holding `<` or `&`).
 */
function checkCdata(text: string, open: number, end: number, out: Finding[]): void {
  let after = end + CDATA_CLOSE.length;
  while (isBlank(text.charCodeAt(after))) after++;
  CLOSING_TAG.lastIndex = after;
  const m = CLOSING_TAG.exec(text);
  if (m === null || !endsWithCredentialName(m[1]!)) return;
  let before = open;
  while (before > 0 && isBlank(text.charCodeAt(before - 1))) before--;
  if (opensElement(text, before, m[1]!)) report(text, open + CDATA_OPEN.length, end, out);
}

/**
 * Reports the `value` attribute of each tag named like a credential (log4net's
 * `<password value="…" />`). Every `<` is visited once, left to right; the tag's end is the
 * first `>` after it, kept as the tags are met, and a tag is read only when no `<` comes
 * before that `>`: each character is read a bounded number of times.
 */
function scanValueAttributes(text: string, out: Finding[]): void {
  let lt = text.indexOf('<');
  let gt = -1;
  while (lt >= 0) {
    const nextLt = text.indexOf('<', lt + 1);
    OPENING_TAG.lastIndex = lt;
    const m = OPENING_TAG.exec(text);
    if (m !== null && endsWithCredentialName(m[1]!)) {
      if (gt < lt) gt = text.indexOf('>', lt);
      if (gt < 0) return;
      const value = nextLt < 0 || gt < nextLt ? valueAttribute(text, lt, gt + 1) : undefined;
      if (value !== undefined) report(text, value[0], value[1], out);
    }
    lt = nextLt;
  }
}

/**
 * Credentials as the text of an XML element named like one (`<password>…</password>`,
 * `<apiKey>`, `<client_secret>`, WS-Security's `<wsse:Password>`, a CDATA section's
 * content too) or in its `value` attribute (`<password value="…" />`): SOAP headers, Maven's settings.xml, Java and .NET configs. The generic
 * assignment detector reads `password=…`, `"password": "…"` and attributes
 * (`password="…"`), not element text. Same names (`credential-names.ts`) and the same
 * value shape checks as an assignment, so `<password>${DB_PASSWORD}</password>` and
 * `<token>string</token>` stay. Found from each closing tag: `indexOf('</')`, then a short
 * sticky pattern; the look-backs stop at the previous tag. CDATA sections (their content
 * may hold `<`) are found in a pass of their own, each from the end of the one before.
 * Each character is read a bounded number of times.
 */
export const xmlCredential: Detector = {
  id: 'xml-credential',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  // `<`, not `</`: an empty element (`<password value="…" />`) has no closing tag.
  needles: ['<'],
  scan(text: string, out: Finding[]): void {
    for (const needle of NEEDLES) {
      let close = text.indexOf(needle);
      while (close >= 0) {
        CLOSING_TAG.lastIndex = close;
        const m = CLOSING_TAG.exec(text);
        if (m !== null && endsWithCredentialName(m[1]!)) checkText(text, close, m[1]!, out);
        close = text.indexOf(needle, close + needle.length);
      }
    }
    scanValueAttributes(text, out);
    // CDATA sections do not nest: each is found once, from the end of the one before.
    let open = text.indexOf(CDATA_OPEN);
    while (open >= 0) {
      const end = text.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
      if (end < 0) return;
      checkCdata(text, open, end, out);
      open = text.indexOf(CDATA_OPEN, end + CDATA_CLOSE.length);
    }
  },
};
