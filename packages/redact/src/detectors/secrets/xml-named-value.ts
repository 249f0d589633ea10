import { isBlank } from '../../char-class.js';
import { endsWithCredentialName } from '../../credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { AnyCaseSearch } from '../any-case-search.js';
import { CdataEnds, elementText, reportXmlValue, valueAttribute } from './xml-element-text.js';

/**
 * The attribute that names the setting, `name="…"` or `key="…"` in any letter case
 * (`Key=`, `NAME=`: XML is case-sensitive, but hand-written .NET and INI-to-XML configs
 * capitalise them, and the value is no less a password for it), matched sticky where
 * `name`/`key` was found: the name is group 1 or 2. Double quotes may be escaped as JSON
 * escapes them (`key=\"DbPassword\"`: markup logged in a JSON string). Bounded: linear.
 */
const NAME_ATTRIBUTE = /(?:name|key)[ \t]*=[ \t]*(?:\\?"([^"<>\\]{1,128})\\?"|'([^'<>]{1,128})')/iy;

/** Where a `name` or `key` attribute may start, in any letter case. */
const NAME_WORD = new AnyCaseSearch('name');
const KEY_WORD = new AnyCaseSearch('key');

function report(text: string, start: number, end: number, out: Finding[]): void {
  reportXmlValue(text, start, end, 'xml-named-value', out);
}

/**
 * Credentials in config XML that names the setting in one attribute and holds the value
 * in another or in the element's text: .NET appSettings (`<add key="DbPassword"
 * value="…"/>`), Spring (`<property name="password" value="…"/>`), Hibernate
 * (`<property name="hibernate.connection.password">…</property>`), Java's properties XML
 * (`<entry key="api.token">…</entry>`), a prefilled form field. The name must end with a
 * credential name (`credential-names.ts`) and the value pass an assignment's value check,
 * so `${jdbc.password}`, `{{token}}` and empty fields stay. The element's text counts when
 * a closing tag follows it, in a CDATA section too, or in a `<value>` child (Spring's
 * `<property name="password"><value>…</value></property>`): `elementText`. Found from
 * each `name` and `key` with a short sticky pattern; the tag around it from `<` and `>`
 * positions found once each, left to right, and each tag read once: linear.
 */
export const xmlNamedValue: Detector = {
  id: 'xml-named-value',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: ['<'],
  scan(text: string, out: Finding[]): void {
    // The last `<` and `>` before the attribute, and the first of each after: kept as the
    // attributes are met left to right, so each is found once (a look-back per attribute
    // was quadratic on a text of attributes without tags).
    let lastLt = -1;
    let nextLt = text.indexOf('<');
    let lastGt = -1;
    let nextGt = text.indexOf('>');
    const cdata = new CdataEnds(text);
    NAME_WORD.start(text);
    KEY_WORD.start(text);
    let nameAt = NAME_WORD.next(0);
    let keyAt = KEY_WORD.next(0);
    while (nameAt >= 0 || keyAt >= 0) {
      const at = keyAt < 0 || (nameAt >= 0 && nameAt < keyAt) ? nameAt : keyAt;
      if (at === nameAt) nameAt = NAME_WORD.next(at + 1);
      else keyAt = KEY_WORD.next(at + 1);
      if (!isBlank(text.charCodeAt(at - 1))) continue;
      NAME_ATTRIBUTE.lastIndex = at;
      const named = NAME_ATTRIBUTE.exec(text);
      if (named === null || !endsWithCredentialName(named[1] ?? named[2]!)) continue;
      while (nextLt >= 0 && nextLt < at) {
        lastLt = nextLt;
        nextLt = text.indexOf('<', nextLt + 1);
      }
      while (nextGt >= 0 && nextGt < at) {
        lastGt = nextGt;
        nextGt = text.indexOf('>', nextGt + 1);
      }
      // Inside a tag: a `<` opened it and no `>` closed it yet; it ends before the next `<`.
      if (lastLt <= lastGt || nextGt < 0 || (nextLt >= 0 && nextLt < nextGt)) continue;
      const tagEnd = nextGt + 1;
      // A tag has one value: the rest of its attributes are not read. Reading the tag again
      // for each was quadratic on a tag holding thousands of them.
      if (nameAt >= 0 && nameAt < tagEnd) nameAt = NAME_WORD.next(tagEnd);
      if (keyAt >= 0 && keyAt < tagEnd) keyAt = KEY_WORD.next(tagEnd);
      const value = valueAttribute(text, lastLt, tagEnd);
      if (value !== undefined) {
        report(text, value[0], value[1], out);
      } else if (text.charCodeAt(nextGt - 1) !== 47 /* / */ && nextLt >= 0) {
        const span = elementText(text, tagEnd, nextLt, cdata);
        if (span !== undefined) report(text, span[0], span[1], out);
      }
    }
  },
};
