import { isPlaceholder } from './detectors/secrets/placeholder.js';
import type { Finding } from './finding.js';
import { MAX_PERCENT_DECODES, percentDecoded } from './percent-decoded.js';

/**
 * Removes from `findings`, from index `from` on (the findings of the scan of `view`), each
 * secret that, taken with the escapes blanked right around it in `text`, decodes to a
 * placeholder: in `?token=%5BSECRET_1%5D` the blanked view reads `SECRET_1` after `token=`,
 * where a URL query takes any word, and masking it turned a redacted URL into
 * `%5B[SECRET_1]%5D`. The scan of the text itself reads the value with its escapes and
 * decodes it (`generic.ts`); this gives the second look the same answer. Only secrets:
 * `%3Cbob@example.com%3E` is an address in angle brackets, not a placeholder.
 *
 * @param view `text` with its escapes blanked (see `blankEscapes`).
 */
export function dropEncodedPlaceholders(
  findings: Finding[],
  from: number,
  text: string,
  view: string,
): void {
  const blanked = (i: number) => view.charCodeAt(i) === 0x20 && text.charCodeAt(i) !== 0x20;
  let kept = from;
  for (let i = from; i < findings.length; i++) {
    const f = findings[i]!;
    let start = f.start;
    let end = f.end;
    if (f.type === 'secret') {
      while (start > 0 && blanked(start - 1)) start--;
      while (end < text.length && blanked(end)) end++;
    }
    // Only what the escapes add can make it a placeholder (`[…]`, `<…>`, `{{…}}`): blanks
    // around a value (`%20ghp_…%20`) leave it the value it was, judged by its detector.
    const decoded =
      start < f.start || end > f.end
        ? percentDecoded(text.slice(start, end), MAX_PERCENT_DECODES).trim()
        : '';
    const value = text.slice(f.start, f.end);
    if (decoded === '' || decoded === value || !isPlaceholder(decoded)) findings[kept++] = f;
  }
  findings.length = kept;
}
