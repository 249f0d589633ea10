import { isAsciiAlphanumeric } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { AnyCaseSearch } from '../any-case-search.js';
import { commandTracker } from './command-line.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * What follows `cookie` in a header or a key (`Cookie: `, `"cookie":"`, `\"cookie\": \"`,
 * `cookie = '`, `--cookie=`): a closing key quote, `:` or `=`, an opening quote (group 1).
 * Bounded repetition only.
 */
const HEADER_HEAD = /(?:\\?["'])?[ \t]{0,3}[:=][ \t]{0,3}(\\"|["'`])?/y;

/** The command `-b` belongs to. */
const CURL = ['curl'];

/** What follows curl's `--cookie` or `-b`: blanks, then an opening quote (group 1). */
const FLAG_HEAD = /[ \t]{1,4}(["'])?/y;

/**
 * Cookie attributes of `Set-Cookie` (RFC 6265 and browsers' additions): settings, not
 * cookies, so their values are never taken.
 */
const ATTRIBUTES = new Set([
  'path',
  'expires',
  'domain',
  'max-age',
  'samesite',
  'httponly',
  'secure',
  'partitioned',
  'priority',
  'version',
  'comment',
]);

/** A cookie name character (RFC 6265 token, without quotes). */
function isNameChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 || // _
    c === 45 || // -
    c === 46 || // .
    c === 33 || // !
    c === 35 || // #
    c === 36 || // $
    c === 37 || // %
    c === 38 || // &
    c === 42 || // *
    c === 43 || // +
    c === 94 || // ^
    c === 124 || // |
    c === 126 // ~
  );
}

/**
 * A cookie value character (RFC 6265 cookie-octet, plus `'` and `` ` `` unless they quote
 * the header): no blank, control, `"`, `,`, `;` or `\`, which end the value.
 */
function isValueChar(c: number, quote: number): boolean {
  return c > 32 && c !== 127 && c !== 34 && c !== 44 && c !== 59 && c !== 92 && c !== quote;
}

function skipBlanks(text: string, i: number): number {
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i;
}

/**
 * Reads the `name=value` pairs of a cookie list starting at `from` (`sid=…; theme=dark`,
 * `session=…; Path=/; HttpOnly`), separated by `;`, and appends a finding for each value
 * shaped like a secret (`isSecretValue`: `theme=dark`, `lang=en` stay). Attributes are
 * kept, and so is each name: only values are credentials. A value in double quotes
 * (`sid="…"`) is reported without them. `quote` (a char code, or 0) quotes the whole
 * list and ends it. Returns where the list ends; each character is read once.
 */
export function readCookiePairs(
  text: string,
  from: number,
  quote: number,
  detector: string,
  out: Finding[],
): number {
  const n = text.length;
  let i = from;
  for (;;) {
    const nameStart = i;
    while (i < n && isNameChar(text.charCodeAt(i))) i++;
    if (i === nameStart) return i;
    const nameEnd = i;
    if (text.charCodeAt(i) === 61 /* = */) {
      i++;
      // `sid="…"`, unless a double quote closes the whole list.
      const quoted = text.charCodeAt(i) === 34 && quote !== 34 && quote !== 92;
      if (quoted) i++;
      const valueStart = i;
      while (i < n && isValueChar(text.charCodeAt(i), quote)) i++;
      const valueEnd = i;
      if (quoted && text.charCodeAt(i) === 34) i++;
      const name = text.slice(nameStart, nameEnd).toLowerCase();
      if (!ATTRIBUTES.has(name) && isSecretValue(text.slice(valueStart, valueEnd), false, false)) {
        out.push({
          type: 'secret',
          kind: 'generic',
          start: valueStart,
          end: valueEnd,
          detector,
        });
      }
    }
    // A flag attribute (`HttpOnly`) has no value; anything but `;` ends the list.
    const next = skipBlanks(text, i);
    if (text.charCodeAt(next) !== 59 /* ; */) return i;
    i = skipBlanks(text, next + 1);
  }
}

/**
 * Finds `cookie` in any letter case (`Cookie:`, `Set-Cookie:`, `"cookie":`, `--cookie`):
 * from its `k`/`K`, ~0.3 ms on 1 MB of the bench's text against ~0.6 for a
 * case-insensitive regex.
 */
const COOKIE_WORD = new AnyCaseSearch('cookie');

/** The char code of an opening quote matched as `group` (`\"` counts as `\`), or 0. */
function quoteCode(group: string | undefined): number {
  return group === undefined ? 0 : group.charCodeAt(0);
}

/**
 * Session cookies in text: the values of `Cookie:` and `Set-Cookie:` headers (any letter
 * case: HTTP header names are case-insensitive), of a `"cookie": "…"` key in JSON or code,
 * and of curl's `--cookie`. Every `name=value` pair is read, and a value shaped like a
 * secret (`isSecretValue`) is reported alone: names, attributes (`Path`, `Expires`,
 * `HttpOnly`) and plain values (`theme=dark`) stay, so the header stays readable.
 * `redactValue` replaces the same data whole under a `cookie` key.
 */
export const cookieHeader: Detector = {
  id: 'cookie',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['cookie'],
  anchorsIgnoreCase: true,
  scan(text: string, out: Finding[]): void {
    COOKIE_WORD.start(text);
    let at = COOKIE_WORD.next(0);
    while (at >= 0) {
      let next = at + 6;
      // The word must start a token (`Set-Cookie`, `"cookie"`, `--cookie`), not end one.
      if (at === 0 || !isAsciiAlphanumeric(text.charCodeAt(at - 1))) {
        const flag = at >= 2 && text.startsWith('--', at - 2);
        const head = flag && text.charCodeAt(at + 6) !== 61 ? FLAG_HEAD : HEADER_HEAD;
        head.lastIndex = at + 6;
        const h = head.exec(text);
        if (h !== null) {
          next = Math.max(
            next,
            readCookiePairs(text, head.lastIndex, quoteCode(h[1]), 'cookie', out),
          );
        }
      }
      at = COOKIE_WORD.next(next);
    }
  },
};

/**
 * Cookies after curl's `-b` (`curl -b "JSESSIONID=…" https://…`): as {@link cookieHeader}
 * reads them, when `curl` starts the command line (a file name after `-b` has no `=` and
 * is left alone; `git checkout -b name` is no curl).
 */
export const curlCookie: Detector = {
  id: 'curl-cookie',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  // Every match starts with `-b` and a blank (`FLAG_HEAD`): as literals for the short-text
  // gate these keep it shut on ids such as UUIDs, a quarter of which hold `-b`.
  anchors: ['-b ', '-b\t'],
  scan(text: string, out: Finding[]): void {
    let inCurl: ((at: number) => boolean) | undefined;
    let at = text.indexOf('-b');
    while (at >= 0) {
      let next = at + 2;
      const before = at === 0 ? 32 : text.charCodeAt(at - 1);
      if (before === 32 || before === 9 || before === 10) {
        FLAG_HEAD.lastIndex = at + 2;
        const h = FLAG_HEAD.exec(text);
        if (h !== null) {
          const found: Finding[] = [];
          next = readCookiePairs(text, FLAG_HEAD.lastIndex, quoteCode(h[1]), 'curl-cookie', found);
          if (found.length > 0) {
            inCurl ??= commandTracker(text, CURL, true);
            if (inCurl(at)) for (const f of found) out.push(f);
          }
        }
      }
      at = text.indexOf('-b', Math.max(next, at + 2));
    }
  },
};
