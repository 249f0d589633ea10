import { decodedBase64Text } from './basic-auth.js';
import { isKeyBinding } from './key-binding.js';
import { isMachineMadeValue, isSecretValue } from './secret-value-shape.js';

/**
 * Words that, right before `key` or `auth`, name an id, a digest or a public key rather
 * than a credential (`SORT_KEY`, `cacheKey`, `GPG_KEY`, `dedup_key`): under them a hex
 * digest or a `USER#42!` composite key is data. Compared lower-case, without separators.
 */
const ID_QUALIFIERS: ReadonlySet<string> = new Set([
  'sort',
  'partition',
  'primary',
  'range',
  'hash',
  'cache',
  'row',
  'column',
  'idempotency',
  'dedup',
  'dedupe',
  'deduplication',
  'foreign',
  'object',
  'lookup',
  'index',
  'unique',
  'composite',
  'cluster',
  'shard',
  'group',
  'message',
  'commit',
  'file',
  'bucket',
  'blob',
  's3',
  'storage',
  'map',
  'join',
  'public',
  'pub',
  'gpg',
  'pgp',
  'gnupg',
  'host',
  'fingerprint',
  'verify',
  'verification',
  'verifying',
  'lock',
  'correlation',
  'request',
  'trace',
  'span',
  'event',
  'record',
  'entity',
  'item',
  'cursor',
  'page',
  'continuation',
  'resume',
  'etag',
  'content',
  'checksum',
  'digest',
  'asset',
  'image',
  'layer',
  'manifest',
  'release',
  'build',
  'version',
  'upload',
  'state',
  'translation',
  'locale',
  'label',
  'field',
  'attribute',
  'property',
  'parent',
  'node',
  'path',
  'route',
  'tag',
  'topic',
  'queue',
  'stream',
]);

/** Shortest hex value read as a key: 64 bits, as the shortest keys and salts are written. */
const MIN_HEX_LENGTH = 16;
/** Shortest password of letters, digits and symbols read under a `*_KEY` name. */
const MIN_SYMBOL_LENGTH = 8;

/** A lower-case letter or a digit: a camelCase word's tail. */
function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** An upper-case letter or a digit: a word of a SCREAMING_CASE name. */
function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * The word right before a weak name's `key` or `auth`, lower-case (`sort` of `SORT_KEY`,
 * `sortKey`, `s3` of `S3_KEY`); empty for a name that is `key` or `auth` alone.
 */
export function qualifierOf(keyName: string): string {
  let end = keyName.length - (/auth$/i.test(keyName) ? 4 : 3);
  const sep = keyName.charCodeAt(end - 1);
  if (sep === 95 || sep === 45 || sep === 46) end--;
  let start = end;
  if (start > 0 && isLower(keyName.charCodeAt(start - 1))) {
    while (start > 0 && isLower(keyName.charCodeAt(start - 1))) start--;
    // camelCase: the word's capital (`Sort` of `dynamoSortKey`).
    const c = keyName.charCodeAt(start - 1);
    if (start > 0 && c >= 65 && c <= 90) start--;
  } else {
    while (start > 0 && isUpper(keyName.charCodeAt(start - 1))) start--;
  }
  return keyName.slice(start, end).toLowerCase();
}

/**
 * Hex of 16 digits or more in one letter case (an optional `0x` first), with letters and
 * digits both: how keys, salts and master keys are written (`RAILS_MASTER_KEY`,
 * `DB_KEY=a3f9…`), and how digests are too, hence the qualifier check around it.
 */
function isHexKey(value: string): boolean {
  const from = value.startsWith('0x') ? 2 : 0;
  if (value.length - from < MIN_HEX_LENGTH) return false;
  let digits = 0;
  let lower = 0;
  let upper = 0;
  for (let i = from; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 97 && c <= 102) lower++;
    else if (c >= 65 && c <= 70) upper++;
    else return false;
  }
  return digits > 0 && lower > 0 !== upper > 0;
}

/** The prefix Laravel writes before its `APP_KEY` (`base64:` and 32 random bytes). */
const BASE64_KEY_PREFIX = 'base64:';
/** Shortest base64 read after the prefix: 16 bytes, the shortest key a cipher takes. */
const MIN_PREFIXED_BASE64_LENGTH = 24;
/** Padded standard base64. */
const PADDED_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * `base64:` and padded base64 of 16 bytes or more that is not text, with letters and
 * digits: Laravel's `APP_KEY=base64:…` (`php artisan key:generate`). The `:` kept it from
 * the machine-made shape, where it reads as a cache key's namespace (`user:42`).
 */
function isPrefixedBase64Key(value: string): boolean {
  if (!value.startsWith(BASE64_KEY_PREFIX)) return false;
  const body = value.slice(BASE64_KEY_PREFIX.length);
  if (body.length < MIN_PREFIXED_BASE64_LENGTH || body.length % 4 !== 0) return false;
  if (!PADDED_BASE64.test(body) || !/\d/.test(body) || !/[A-Za-z]/.test(body)) return false;
  return decodedBase64Text(body) === undefined;
}

/** `user@host`: a name, `@`, then a host name starting with a letter. */
const USER_AT_HOST = /^[A-Za-z0-9._+-]+@[A-Za-z][A-Za-z0-9.-]*$/;
/** A domain's last label: letters only (`.com`, `.local`), as no password's tail is. */
const DOMAIN_END = /\.[A-Za-z]{2,}$/;

/**
 * Whether a value with one `@` before a letter is a user at a host or an address
 * (`deploy@ci01`, `bob2@example.com`) rather than a password with an `@` for an `a`
 * (`P@ssw0rd`, `Welc0me@Home`, `Adm1n@dmin`): a dotted host must end in a domain's label
 * of letters, and a host of one label must be written in lower case after a user of two
 * characters or more also in lower case, as hosts and logins are; a password's `@`
 * follows one capital, ends a capitalised word or starts one (decisions 0030, 0041).
 */
function isUserAtHost(value: string): boolean {
  if (!USER_AT_HOST.test(value)) return false;
  const at = value.indexOf('@');
  const host = value.slice(at + 1);
  if (host.includes('.')) return DOMAIN_END.test(host);
  return at >= 2 && value === value.toLowerCase();
}

/**
 * A typed password: 8 characters or more of letters, digits and a password's symbols
 * (`!@#$^*~`), no brackets, quotes, `:`, `,`, `;`, `|`, `&`, `%` or `?` (code, lists,
 * queries and encodings hold those), letters and digits both, and a symbol other than `#`
 * (`ORDER#2024`, `USER#42` are composite keys), and not a user at a host (`isUserAtHost`).
 */
function isSymbolPassword(value: string): boolean {
  if (value.length < MIN_SYMBOL_LENGTH) return false;
  let letters = 0;
  let digits = 0;
  let symbols = 0;
  let at = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (c >= 48 && c <= 57) digits++;
    else if (c === 33 || c === 36 || c === 42 || c === 94 || c === 126) symbols++;
    else if (c === 64) {
      symbols++;
      if (at < 0) at = i;
    } else if (c === 35) {
      // `#` is a symbol only beside another one.
    } else if (c !== 43 && c !== 47 && c !== 61 && c !== 95 && c !== 46 && c !== 45) {
      return false;
    }
  }
  if (letters === 0 || digits === 0 || symbols === 0) return false;
  // A lone `@` before a letter may be a user at a host or an address (`deploy@ci01`,
  // `bob2@example.com`), not a password's `P@ssw0rd`.
  return !(symbols === 1 && at >= 0 && isUserAtHost(value));
}

/**
 * Whether the value of an assignment under a weak name (`DB_KEY`, `stripeKey`, `NPM_AUTH`,
 * `?key=`) is a secret: machine-made (`isMachineMadeValue`: base62, base64), or, unless the
 * word before `key` names an id or a public key (`SORT_KEY`, `cacheKey`, `GPG_KEY`), hex of
 * 16 digits or more under a qualified name (`DB_KEY=a3f9…`; a `key` alone holds digests in
 * JSON logs and React lists), a typed password with symbols (`SERVICE_KEY=p@55!w0rd…`) or
 * Laravel's `base64:` key (`APP_KEY=base64:…`). A key binding (`TOGGLE_KEY=Ctrl+Shift+1`)
 * is none.
 * Either still passes `isSecretValue` (no placeholder, variable, version or path).
 */
export function isWeakNameSecret(
  keyName: string,
  value: string,
  bare: boolean,
  inUrlQuery: boolean,
): boolean {
  // `TOGGLE_KEY=Ctrl+Shift+1`: a key binding's letters, digits and `+` pass for base64.
  if (isKeyBinding(value)) return false;
  if (isMachineMadeValue(value, bare, inUrlQuery)) return true;
  const qualifier = qualifierOf(keyName);
  if (ID_QUALIFIERS.has(qualifier)) return false;
  const shaped =
    (qualifier !== '' && isHexKey(value)) || isSymbolPassword(value) || isPrefixedBase64Key(value);
  return shaped && isSecretValue(value, bare, inUrlQuery);
}
