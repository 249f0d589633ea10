/**
 * How `password`, `passwd` and `pwd` are found in the letter cases text writes them
 * (`password`, `Password`, `PassWord`, `PASSWORD`, `DB_PASSWORD`, `Pwd`, `PWD`): from their
 * `w`, with `word` or `wd` after it, and the name's start that many characters before. A
 * search keyed on a rare first character is fast; `pass` (six case-sensitive searches, or
 * one in any case keyed on `p`) cost 1.3-4.3 ms per MB of code or Markdown, these 0.5-0.7.
 */
const KEYS: ReadonlyArray<readonly [key: string, backs: readonly number[]]> = [
  ['word', [4]],
  ['Word', [4]],
  ['WORD', [4]],
  // `pwd` (one back) and `passwd` (four).
  ['wd', [1, 4]],
  ['WD', [1, 4]],
];

/**
 * Calls `visit` with each offset where `password`, `passwd` or `pwd` may start (a
 * candidate: the caller checks the name), key by key. `visit` returns where the search
 * for that key goes on: past what it read, so nothing is read twice. Not in text order
 * across keys.
 */
export function forEachPasswordName(text: string, visit: (start: number) => number): void {
  for (const [key, backs] of KEYS) {
    let at = text.indexOf(key);
    while (at >= 0) {
      let resume = at + 1;
      for (const back of backs) {
        if (at >= back) resume = Math.max(resume, visit(at - back));
      }
      at = text.indexOf(key, resume);
    }
  }
}
