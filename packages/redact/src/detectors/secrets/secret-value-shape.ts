import { decodedBase64Text } from './basic-auth.js';
import { isPlaceholder } from './placeholder.js';

/**
 * Values that are something other than a secret, quoted or not: markup, a redaction
 * marker or JSON (`<kind>`, `[REDACTED]`, `{…}`), a URL, a reference to a secret store
 * (`arn:…`, `vault:…`), a SOPS-encrypted value (`ENC[…]`), a package spec or version range
 * (`^1.0.21`, `9.0.10`, `workspace:*`), a number with a unit (`7.4×`, `30s`,
 * `32-character`), a date, a file path (a Windows `%VAR%` is a placeholder:
 * `placeholder.ts`). Every alternative is anchored or a literal, and no two adjacent
 * repetitions can match the same character: linear.
 */
const NOT_A_SECRET =
  /^[<[{(]|:\/\/|^ENC\[|^(?:arn|vault|ssm|secretsmanager|sops|env|file|workspace|npm|link|portal|patch):|^(?:[~^]|[<>]=?)v?\d|^v?\d+(?:\.(?:\d+|[xX*]))+(?:[-+][\w.-]*)?$|^[+-]?\d+(?:[.,]\d+)*[-_]?(?:[a-z]{1,12}|%|[\u0080-\uffff]{1,2})$|^\d{4}-\d\d-\d\d|^(?:~|\.{1,2})?\/[\w.@/-]*$/;

/** Algorithm and encoding names (`HS256`, `sha-512`, `aes-256-gcm`, `base64`): settings, not keys. */
const ALGORITHM =
  /^(?:hmac-?)?(?:sha|md|aes|rsa|hs|rs|es|ps|ed|x|utf|base)-?\d{1,5}(?:[-_][a-z\d]+)*$/i;

/**
 * Unquoted values that are code: calls, environment lookups, property paths
 * (`canaries.apiKey!`, `config?.apiKey`), indexing and generic types (`tokens.tokens[i]`,
 * `OpenAIProviderOptions['apiKey']`, `Promise<string>`), YAML tags and aliases (`!vault`,
 * `!Ref`, `*default`). A path segment is letters then optional trailing digits, so a random
 * `Ur9yxPEAW3.JYdjbe` is not read as one. Linear: each repetition is delimited.
 */
const CODE_REFERENCE =
  /\(|^(?:process\.env|os\.environ|os\.getenv|env\.|getenv|this\.|self\.|config\.|settings\.|params\.|props\.|req\.|request\.)|^[A-Za-z_$]+\d*(?:\??\.[A-Za-z_$]+\d*)+[!?]?$|^[A-Za-z_$][\w$.!?]*[[<]|^![A-Za-z]+$|^\*[A-Za-z_][\w-]*$/;

/**
 * A credential word with at most a counter (`secret1`, `password123`, `test-token`,
 * `apikey2`): what tests and docs type where a value must go, not a value.
 */
const CREDENTIAL_WORD =
  /^(?:my|your|test|the|some|db|user|app|new|old|dummy)?[_-]?(?:pass(?:word|wd)?|secret|token|api[_-]?key|key)[_-]?\d{0,6}$/i;

/** Whether `value` is a credential word with at most a counter (`password`, `secret1`, `api_key`). */
export function isCredentialWord(value: string): boolean {
  return CREDENTIAL_WORD.test(value);
}

/** Shortest value taken: shorter ones are flags, numbers and words far more often than keys. */
const MIN_LENGTH = 6;

function isVowel(lower: number): boolean {
  return lower === 97 || lower === 101 || lower === 105 || lower === 111 || lower === 117;
}

/**
 * Whether the characters of `value` mix like a credential: letters with digits, or with
 * symbols; eight digits or more; or, made of letters only, either in a URL query
 * (`&password=…`, where nothing else goes) or random-looking (`qXbTRWkZmPvL`, not
 * `XMLHttpRequest` or `startTagBeforeHtml`).
 * `-`, `_`, `.`, `/` and a final `!`/`?` join words (`env-key`, `num_tokens_from_messages`,
 * `secrets/db-password`, `opts!`), so they mix nothing in. One pass, no allocation.
 */
function hasSecretCharacterMix(value: string, inUrlQuery: boolean): boolean {
  const n = value.length;
  let letters = 0;
  let digits = 0;
  let symbols = 0;
  let upper = 0;
  let vowels = 0;
  let lowerRun = 0;
  let inWords = 0;
  let upperPairs = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    const lower = c | 32;
    if (c >= 97 && c <= 122) {
      letters++;
      lowerRun++;
      if (isVowel(lower)) vowels++;
      continue;
    }
    // A run of 3+ lower-case letters is (part of) a word: `start`, `efore` in `startTagBefore`.
    if (lowerRun >= 3) inWords += lowerRun;
    lowerRun = 0;
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
      const prev = value.charCodeAt(i - 1);
      if (prev >= 65 && prev <= 90) upperPairs++;
      if (isVowel(lower)) vowels++;
    } else if (c > 127)
      letters++; // letters of other scripts: words, like ASCII ones
    else if (c === 45 || c === 46 || c === 95 || c === 47) {
      // word joiners: - . _ /
    } else if ((c === 33 || c === 63) && i === n - 1) {
      // a final ! or ?: TypeScript's non-null assertion, prose
    } else symbols++;
  }
  if (lowerRun >= 3) inWords += lowerRun;
  if (digits > 0) return letters > 0 || digits >= 8;
  if (letters === 0) return false;
  if (symbols > 0 || inUrlQuery) return true;
  // Letters only: random when the cases mix with adjacent capitals, few vowels and few
  // word-like runs. Random base52 has ~19 % vowels and ~25 % of its letters in lower-case
  // runs of 3+; camelCase names (`startTagInRow`) rarely put two capitals side by side,
  // and those that do (`XMLHttpRequest`, `OpenAIProviderOptions`) are mostly words.
  return (
    letters >= 12 &&
    upperPairs > 0 &&
    upper < letters &&
    vowels * 10 < letters * 4 &&
    inWords * 2 < letters
  );
}

/**
 * Whether the value of a credential-named assignment (`password = …`, `"token": …`) is a
 * secret rather than a placeholder, a type, an expression, a version, a path or a word.
 * `bare`: the value was not quoted (code and YAML put expressions there). `inUrlQuery`:
 * the key followed `?` or `&` in a URL, where a value can only be data.
 */
export function isSecretValue(value: string, bare: boolean, inUrlQuery: boolean): boolean {
  if (value.length < MIN_LENGTH) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // Whitespace inside the value: prose or a phrase (`"Bearer " + t`, `, Azure`), not a key.
    if (c === 32 || c === 9) return false;
  }
  if (NOT_A_SECRET.test(value) || ALGORITHM.test(value)) return false;
  // In a URL query the value is what a client sends, so even `testpassword` is taken there.
  if (!inUrlQuery && CREDENTIAL_WORD.test(value)) return false;
  if (bare && CODE_REFERENCE.test(value)) return false;
  return hasSecretCharacterMix(value, inUrlQuery) && !isPlaceholder(value);
}

/** Shortest letters-only value taken on an env line whatever its letters look like. */
const MIN_ENV_LETTERS = 24;

/**
 * Whether a value of letters only, under a credential name on an env file's line
 * (`JWT_SECRET=…`, `SESSION_SECRET: …` in its YAML form), is a secret: 24 letters or
 * more in both cases, no credential word and no placeholder. `isSecretValue` takes letters
 * only when they look random, for code, where such a value is an identifier; on an env
 * line nothing but the value goes, and a passphrase of capitalised words
 * (`PurpleMonkeyDishwasher…`) or random letters without two capitals side by side is the
 * secret. One pass, no allocation.
 */
export function isEnvLetterSecret(value: string): boolean {
  if (value.length < MIN_ENV_LETTERS) return false;
  let upper = false;
  let lower = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else return false;
  }
  return upper && lower && !CREDENTIAL_WORD.test(value) && !isPlaceholder(value);
}

/** A UUID: an idempotency key, an object or correlation id far more often than a key under `*_KEY`. */
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * Hex digits, after at most a short word and `-` or `_` (`key-<hex>`): a digest or an id
 * that programs name cache entries and objects with (`cacheKey = "key-…"`).
 */
const HEX_ID = /^(?:[a-z]{1,12}[-_])?[\da-f]+$/i;
/** The characters of a machine-made key: base64 (standard and URL-safe), hex, dots. */
const KEY_CHARACTERS = /^[A-Za-z0-9+/=_.-]+$/;
/** Padded base64: checked to decode to text (encoded data, not a key). */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Shortest value read under a name that holds a credential only sometimes (`STRIPE_KEY`). */
const MIN_MACHINE_MADE_LENGTH = 12;

/**
 * Whether `value` looks made by a machine, not typed as a name: a secret's shape
 * (`isSecretValue`), 12 characters or more of base64, hex or dots, letters and digits both, no `:` (`user:42`, a
 * cache key's namespace), and under half its letters in runs of four or more of one case
 * (`UserProfile42`, `ORDER_ID_2024`, `fk_orders_2` are words; random keys rarely hold
 * such runs); no UUID (`Idempotency-Key: <uuid>`), hex id (`cacheKey = "key-<hex>"`) or
 * base64 of text. For values under `key` and `auth` names, which are as often sort keys and
 * ids as credentials. One pass, no allocation.
 */
export function isMachineMadeValue(value: string, bare: boolean, inUrlQuery: boolean): boolean {
  if (value.length < MIN_MACHINE_MADE_LENGTH || value.includes(':') || UUID.test(value)) {
    return false;
  }
  // Brackets, quotes and the like are code (`const KEY = /key-[0-9a-f]{32}/`), not a key.
  if (!KEY_CHARACTERS.test(value) || HEX_ID.test(value)) return false;
  // Encoded text (`auth: <base64 of a user:password>` is registry-auth's, and of a
  // redacted one stays as it is).
  if (value.length % 4 === 0 && BASE64.test(value) && decodedBase64Text(value) !== undefined) {
    return false;
  }
  let letters = 0;
  let digits = 0;
  let inRuns = 0;
  let run = 0;
  let runUpper = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    if (upper || lower) {
      letters++;
      if (run > 0 && upper === runUpper) run++;
      else {
        if (run >= 4) inRuns += run;
        run = 1;
        runUpper = upper;
      }
      continue;
    }
    if (run >= 4) inRuns += run;
    run = 0;
    if (c >= 48 && c <= 57) digits++;
  }
  if (run >= 4) inRuns += run;
  if (letters === 0 || digits === 0 || inRuns * 2 >= letters) return false;
  return isSecretValue(value, bare, inUrlQuery);
}
