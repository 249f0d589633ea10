import { endsWithCredentialName } from '../../credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * A closing tag at a `</` (or `<\/`, as JSON may escape it): the element's name, with a
 * namespace prefix (`wsse:Password`). Bounded: linear.
 */
const CLOSING_TAG = /<\\?\/([A-Za-z_][\w.:-]{0,63})[ \t]{0,8}>/y;

/** Where a closing tag starts; JSON may write `</` as `<\/`. */
const NEEDLES: readonly string[] = ['</', '<\\/'];

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

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

/** Reports the element's text in `[start, end)`, blanks trimmed, when shaped like a secret. */
function report(text: string, start: number, end: number, out: Finding[]): void {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  // Delimited by tags as a quoted value is by quotes: read as one (`bare` false).
  if (isSecretValue(text.slice(start, end), false, false)) {
    out.push({ type: 'secret', kind: 'generic', start, end, detector: 'xml-credential' });
  }
}

/** Checks the element that the closing tag at `close` ends, named `name`. */
function checkElement(text: string, close: number, name: string, out: Finding[]): void {
  if (text.endsWith(CDATA_CLOSE, close)) {
    // `<password><![CDATA[…]]></password>`: the value is the section's content. Read back
    // to the last `<` only, as for plain text, so a scan stays linear; a CDATA value that
    // holds a `<` is missed.
    const cdata = text.lastIndexOf('<', close - CDATA_CLOSE.length - 1);
    if (cdata < 0 || !text.startsWith(CDATA_OPEN, cdata)) return;
    let tagEnd = cdata;
    while (tagEnd > 0 && isBlank(text.charCodeAt(tagEnd - 1))) tagEnd--;
    if (opensElement(text, tagEnd, name)) {
      report(text, cdata + CDATA_OPEN.length, close - CDATA_CLOSE.length, out);
    }
    return;
  }
  // Plain text holds no `<`: the element's content starts after the last tag before `close`.
  const lt = text.lastIndexOf('<', close - 1);
  if (lt < 0) return;
  const gt = text.indexOf('>', lt);
  if (gt < 0 || gt >= close) return;
  if (opensElement(text, gt + 1, name)) report(text, gt + 1, close, out);
}

/**
 * Credentials as the text of an XML element named like one (`<password>…</password>`,
 * `<apiKey>`, `<client_secret>`, WS-Security's `<wsse:Password>`, a CDATA section's
 * content too): SOAP headers, Maven's settings.xml, Java and .NET configs. The generic
 * assignment detector reads `password=…`, `"password": "…"` and attributes
 * (`password="…"`), not element text. Same names (`credential-names.ts`) and the same
 * value shape checks as an assignment, so `<password>${DB_PASSWORD}</password>` and
 * `<token>string</token>` stay. Found from each closing tag: `indexOf('</')`, then a short
 * sticky pattern; the look-backs stop at the previous tag, so each character is read a
 * bounded number of times.
 */
export const xmlCredential: Detector = {
  id: 'xml-credential',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: NEEDLES,
  scan(text: string, out: Finding[]): void {
    for (const needle of NEEDLES) {
      let close = text.indexOf(needle);
      while (close >= 0) {
        CLOSING_TAG.lastIndex = close;
        const m = CLOSING_TAG.exec(text);
        if (m !== null && endsWithCredentialName(m[1]!)) checkElement(text, close, m[1]!, out);
        close = text.indexOf(needle, close + needle.length);
      }
    }
  },
};
