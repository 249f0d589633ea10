/**
 * Keys searched for a name, each with how far before the key's offset the name may start.
 * `indexOf` is fast when a key's first letter is rare: per MB of code and Markdown, `word`
 * took 0.13 ms, `key` 0.11, `ken` 0.14, `cret` 0.34; `oken` 0.41, `ecret` 0.56, `code` 0.38
 * (decision 0051).
 */
export type NameKeys = ReadonlyArray<readonly [key: string, backs: readonly number[]]>;

/**
 * How `password`, `passwd` and `pwd` are found in the letter cases text writes them
 * (`password`, `Password`, `PassWord`, `PASSWORD`, `DB_PASSWORD`, `Pwd`, `PWD`): from their
 * `w`, with `word` or `wd` after it, and the name's start that many characters before. A
 * search keyed on a rare first character is fast; `pass` (six case-sensitive searches, or
 * one in any case keyed on `p`) cost 1.3-4.3 ms per MB of code or Markdown, these 0.5-0.7.
 */
export const PASSWORD_KEYS: NameKeys = [
  ['word', [4]],
  ['Word', [4]],
  ['WORD', [4]],
  // `pwd` (one back) and `passwd` (four).
  ['wd', [1, 4]],
  ['WD', [1, 4]],
];

/**
 * `passphrase` (`PassPhrase`, `PASSPHRASE`), found the same way, from its `h`. `passcode`
 * is not searched for: every key it holds starts with a common letter (`code`: 0.38 ms per
 * MB of code and Markdown, against 0.13 for `word`), and a passcode is mostly a one-time PIN.
 */
export const PASSPHRASE_KEYS: NameKeys = [
  ['hrase', [5]],
  ['HRASE', [5]],
];

/** `token` from its `k` and `secret` from its `c`, in both cases written. */
export const TOKEN_KEYS: NameKeys = [
  ['ken', [2]],
  ['KEN', [2]],
  ['cret', [2]],
  ['CRET', [2]],
];

/** `key` after `api`, `access` or `secret` and an optional joiner (`API key`, `apikey`, `SECRET_KEY`). */
export const API_KEY_KEYS: NameKeys = [
  ['key', [3, 4, 6, 7]],
  ['Key', [3, 4, 6, 7]],
  ['KEY', [3, 4, 6, 7]],
];

/**
 * Calls `visit` with each offset where a name of `keys` may start (a candidate: the caller
 * checks the name) and where the key found ends, key by key; `visit` returns where that
 * key's search goes on: past what it read, so nothing is read twice. Not in text order
 * across keys.
 */
export function forEachName(
  text: string,
  keys: NameKeys,
  visit: (start: number, keyEnd: number) => number,
): void {
  for (const [key, backs] of keys) {
    let at = text.indexOf(key);
    while (at >= 0) {
      let resume = at + 1;
      for (const back of backs) {
        if (at >= back) resume = Math.max(resume, visit(at - back, at + key.length));
      }
      at = text.indexOf(key, resume);
    }
  }
}
