import type { Detector } from './detector.js';

/**
 * The part of a needle to look for: from its first character that is not a lower-case
 * letter. `indexOf`/`includes` skip fast to a rare first character and crawl when it is
 * common (`e` of `eyJ`, `s` of `sk-ant-`); a suffix of the needle is present whenever the
 * needle is, so the test stays a safe superset.
 */
export function searchKey(needle: string): string {
  for (let k = 0; k < needle.length; k++) {
    const c = needle.charCodeAt(k);
    if (c < 97 || c > 122) return needle.slice(k);
  }
  // All lower-case: a suffix would start with a letter as common as the first.
  return needle;
}

/**
 * What the cheap first stage of every scan looks for: a detector runs only if one of its
 * needles (short literals every match contains, such as `@`, `sk-` or `://`) occurs in the
 * text. `includes` on a literal is far cheaper than a regex, and most texts (ledger
 * records, short prompts) contain none of most detectors' needles. Null: the detector has
 * no needles and always runs. Worked out once per compiled detector set, not per scan.
 */
export function prefilterKeys(detector: Detector): readonly string[] | null {
  return detector.needles === undefined ? null : detector.needles.map(searchKey);
}

/** True when `keys` is null (no prefilter) or one of them occurs in `text`. */
export function mayMatch(keys: readonly string[] | null, text: string): boolean {
  if (keys === null) return true;
  for (let i = 0; i < keys.length; i++) {
    if (text.includes(keys[i]!)) return true;
  }
  return false;
}
