import { isAsciiLetter } from './char-class.js';

/**
 * The one list of names that say a value is a credential. The text scan (generic
 * assignments: `db_pass=…`) and the deep walk (`redactValue` under a `db_pass` key) both
 * read it, so an object cannot leak what the same record as JSON text would not.
 * Each name is written as its words; in a key they may be joined by `_` or `-`
 * (`api_key`, `api-key`, `apiKey`).
 */
const CREDENTIAL_NAMES: readonly (readonly string[])[] = [
  ['password'],
  ['passwd'],
  ['passphrase'],
  // A meeting's or a door's: `Passcode: …` under an invite, `ZOOM_PASSCODE=…`.
  ['passcode'],
  ['pass'],
  // A Wi-Fi network's pre-shared key: wpa_supplicant's and NetworkManager's `psk=…`. Short,
  // so it must start a word, as `pass` must (`startsWord`).
  ['psk'],
  ['pwd'],
  // `PW=…`, `DB_PW`: the short form, read only where it starts a word (`startsWord`).
  ['pw'],
  ['secret'],
  ['token'],
  ['api', 'key'],
  ['access', 'key'],
  ['auth', 'key'],
  ['private', 'key'],
  // Azure AI services and API Management: `Ocp-Apim-Subscription-Key`, no prefix to find.
  ['subscription', 'key'],
  ['credentials'],
  ['credential'],
  // A session id is a bearer credential while the session lives. `session` alone and `sid`
  // are not here: `session: "2026-Q1"`, a Windows SID and Oracle's `ORACLE_SID` are data.
  ['session', 'id'],
  // Rails' and Phoenix's signing secret: `SECRET_KEY_BASE`, `secret_key_base:` in
  // `secrets.yml`. Its `_base` is no suffix in general (`TOKEN_BASE` is a URL's stem).
  ['secret', 'key', 'base'],
];

/** Suffixes a credential name may carry: `client_secret_value`, `api_key_b64`, `token_hash`. */
const CREDENTIAL_SUFFIXES: readonly string[] = [
  'key',
  'secret',
  'value',
  'string',
  'str',
  'base64',
  'b64',
  'hash',
];

/**
 * The names without separators, lower-case (`apikey`), for comparing against a normalised
 * key. The short ones (`pass`, `pwd`, `pw`) are left out: without separators there is no word
 * start to check, and `bypass` or `compass` would match.
 */
export const NORMALISED_CREDENTIAL_NAMES: readonly string[] = CREDENTIAL_NAMES.map((words) =>
  words.join(''),
).filter((name) => name !== 'pass' && name !== 'pwd' && name !== 'pw');

/**
 * A credential name at the end of a key, with an optional suffix. Short literal
 * alternatives before `$`: constant work per start position, linear.
 */
export const CREDENTIAL_KEY_ENDING = new RegExp(
  `(?:${CREDENTIAL_NAMES.map((words) => words.join('[_-]?')).join('|')})(?:[_.-]?(?:${CREDENTIAL_SUFFIXES.join('|')}))?$`,
  'i',
);

/**
 * Short names (`pass`, `pwd`, `pw`) must start a word: `db_pass` and `dbPass` do, `bypass` and
 * `compass` do not. Longer names may follow letters (`theapikey`, `githubtoken`).
 */
export function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const c1 = text.charCodeAt(at) | 32;
  const short =
    (c1 === 112 && (text.charCodeAt(at + 1) | 32) === 119) || // pwd, pw
    (c1 === 112 && !/^pass(?:word|wd|phrase)/i.test(text.slice(at, at + 10)));
  if (!short) return true;
  const before = text.charCodeAt(at - 1);
  if (!isAsciiLetter(before)) return true;
  const first = text.charCodeAt(at);
  return before >= 97 && before <= 122 && first >= 65 && first <= 90;
}

/** True when `key` ends with a credential name (as the text scan reads one). */
export function endsWithCredentialName(key: string): boolean {
  const m = CREDENTIAL_KEY_ENDING.exec(key);
  return m !== null && startsWord(key, m.index);
}

/**
 * Names that hold a credential only sometimes: `key` and `auth` end `STRIPE_KEY`,
 * `NPM_AUTH` and `?key=` as often as `SORT_KEY`, `PRIMARY_KEY`, `CACHE_KEY` and `OAUTH`.
 * They are not credential names (`redactValue` keeps a `sort_key`); the text scan reads
 * their value only when it looks machine-made (`isMachineMadeValue`).
 */
const WEAK_CREDENTIAL_KEY_ENDING = /(?:key|auth)$/i;

/**
 * True when `key` is `key` or `auth` or ends with one as a word of its own: after `_`,
 * `-` or `.` (`STRIPE_KEY`, `npm-auth`), or in camelCase (`stripeKey`); not `monkey`,
 * `hotkey`, `OAuth`.
 */
export function endsWithWeakCredentialName(key: string): boolean {
  const m = WEAK_CREDENTIAL_KEY_ENDING.exec(key);
  if (m === null) return false;
  const at = m.index;
  if (at === 0) return true;
  const before = key.charCodeAt(at - 1);
  if (before === 95 || before === 45 || before === 46) return true;
  const first = key.charCodeAt(at);
  return before >= 97 && before <= 122 && first >= 65 && first <= 90;
}
