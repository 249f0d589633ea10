/**
 * True when `text` has a run of at least `minRun` characters that could belong to one BPE
 * piece: whitespace, non-whitespace, or the `[\r\n/]` tail o200k lets punctuation absorb.
 *
 * Why: BPE merging is superlinear in the length of a piece (measured: 32 KB of random
 * letters 0.46 s, of `=` 0.59 s in gpt-tokenizer), so untrusted text could stall the
 * process. Every piece of the o200k/cl100k split regexes is at most 1 + 2 runs of these
 * kinds, so when no run reaches `minRun`, no piece exceeds `2 * minRun + 1` and the whole
 * text can be counted exactly at bounded cost. One pass, no allocation.
 */
export function hasLongRun(text: string, minRun: number): boolean {
  return findLongRun(text, 0, minRun) !== -1;
}

/**
 * Index at which some run starting at or after `from` reaches `minRun` characters, or -1.
 * `from` must be a piece boundary after a newline (see `isLineBoundary`) or 0, where every
 * run starts fresh.
 */
export function findLongRun(text: string, from: number, minRun: number): number {
  let space = 0;
  let other = 0;
  let tail = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isRegexSpace(c)) {
      space++;
      other = 0;
    } else {
      other++;
      space = 0;
    }
    tail = c === 10 || c === 13 || c === 47 ? tail + 1 : 0;
    if (space >= minRun || other >= minRun || tail >= minRun) return i;
  }
  return -1;
}

/**
 * True when a piece of the o200k/cl100k split must end at `p`: right after a newline and
 * before a character that is neither whitespace nor `/`. No piece can run across it
 * (letter and number pieces never contain a newline, whitespace pieces stop at the
 * non-space, the punctuation piece's `[\r\n/]*` tail stops at anything else).
 */
export function isLineBoundary(text: string, p: number): boolean {
  if (p <= 0 || p >= text.length) return true;
  if (text.charCodeAt(p - 1) !== 10) return false;
  const c = text.charCodeAt(p);
  return c !== 47 && !isRegexSpace(c);
}

/** Exactly the characters `\s` matches in a unicode JavaScript regex. */
export function isRegexSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
