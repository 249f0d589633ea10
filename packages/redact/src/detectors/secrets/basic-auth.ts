import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { longValueAfter } from '../long-value.js';
import { commandCheck } from './command-line.js';
import { SCHEME_GAP } from './header-gap.js';
import { isPlaceholder, looksRandom } from './placeholder.js';

/** Strict UTF-8: invalid bytes throw instead of becoming U+FFFD, so random base64 fails. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** C0 and C1 controls and DEL: no user name or password holds them; binary data does. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/**
 * Decoded credentials must be `user:password` in UTF-8 without control characters
 * (RFC 7617 `charset="UTF-8"`: `jürgen:Pässwörd` is a credential too).
 */
export function isBasicCredential(value: string): boolean {
  const decoded = decodedBase64Text(value);
  if (decoded === undefined) return false;
  const colon = decoded.indexOf(':');
  if (colon < 0 || colon === decoded.length - 1) return false;
  return !isPlaceholder(decoded.slice(colon + 1));
}

/**
 * `value` decoded from base64 when that is UTF-8 text without control characters, else
 * undefined: random bytes (a key) almost never decode so.
 */
export function decodedBase64Text(value: string): string | undefined {
  let decoded: string;
  try {
    decoded = UTF8.decode(Buffer.from(value, 'base64'));
  } catch {
    return undefined;
  }
  return hasControl(decoded) ? undefined : decoded;
}

/**
 * `Authorization: Basic <base64 user:password>`; the base64 is checked to decode to
 * `user:pass`. The scheme is case-insensitive (RFC 7235: `BaSiC` is `Basic`), as `bearer`
 * takes its own, and the credentials may stand on a folded header's next line
 * (`Basic\r\n <base64>`), as a bearer token may.
 */
export const basicAuthHeader: Detector = anchoredDetector({
  id: 'basic-auth-header',
  type: 'secret',
  kind: 'basic_auth',
  priority: 90,
  anchors: ['basic'],
  anchorsIgnoreCase: true,
  notAfter: /[A-Za-z0-9]/,
  pattern: new RegExp(`basic${SCHEME_GAP}([A-Za-z0-9+/]{6,4096}={0,2})(?![A-Za-z0-9+/=])`, 'i'),
  groups: [1],
  // Past 4,096 characters (the pattern's bound) the whole base64 run is taken.
  overflow: longValueAfter(new RegExp(`basic${SCHEME_GAP}`, 'iy'), /[A-Za-z0-9+/=]*/y, 4096),
  validate: isBasicCredential,
});

/** `uid:gid` (`docker run -u 1000:1000`, `chown`): ids, not credentials. */
const USER_AND_GROUP_IDS = /^\d{1,10}:\d{1,10}$/;

/**
 * Whether the shell word after `-u`/`--user`, quotes removed, is a user and a real password
 * (`user:pass`), or a machine-made token as the user with an empty password (`token:`, for
 * APIs that take the token as the user name). Also judges the element after `-u` in an
 * argv array (`argv-reader.ts`).
 */
export function isCurlCredential(word: string): boolean {
  const value = word.replace(/["'`]/g, '');
  const colon = value.indexOf(':');
  // `<user:password>`: the usage line of a man page or a README.
  if (colon < 0 || USER_AND_GROUP_IDS.test(value) || /^<[^>]*>$/.test(value)) return false;
  const password = value.slice(colon + 1);
  if (password === '') return looksRandom(value.slice(0, colon), 12) && /\d/.test(value);
  return !isPlaceholder(password);
}

/**
 * `curl -u user:password` / `--user user:password`: the credentials after the flag. A word
 * quoted whole is reported without its quotes; a word the shell joins from quoted pieces
 * (`"user":"pass"`, `kevin:'pass'`) is reported whole. Either side may be empty (`:pass`,
 * `token:`). Glued to `-u` (`-ualice:pass`, as curl's short options allow) only a
 * `user:` shape is taken, the user without `/` (`-uhttp://…` is no user).
 */
export const curlUserCredentials: Detector = anchoredDetector({
  id: 'curl-user',
  type: 'secret',
  kind: 'basic_auth',
  priority: 90,
  anchors: ['-u', '--user'],
  notAfter: /\S/,
  pattern:
    /(?:(?:-u|--user)(?:[ \t]{1,4}|=)|-u(?=[^\s:/"'`]{0,256}:))(?:(["'`])([^"'`\s]{1,384})\1(?![^\s;|&)])|((?:"[^"\s]{0,256}"|'[^'\s]{0,256}'|[^\s"'`]{1,256}){1,6}))/,
  groups: [2, 3],
  // Glued to `-u` (no blank, no `=`), only on a curl command line: `docker exec -uwww:www`,
  // `ffmpeg -utc_time:…` and `python -u:main.py` use `-u` for something else.
  validate: (value, text, start) =>
    isCurlCredential(value) && (!isGluedToU(text, start) || inCurlCommand(text, start)),
});

const inCurlCommand = commandCheck(['curl'], true);

/** Whether the value at `start` is glued to a `-u` (`-ualice:pass`), quotes aside. */
function isGluedToU(text: string, start: number): boolean {
  let i = start;
  while (i > 0 && /["'`]/.test(text[i - 1]!)) i--;
  return text[i - 1] === 'u' && text[i - 2] === '-';
}
