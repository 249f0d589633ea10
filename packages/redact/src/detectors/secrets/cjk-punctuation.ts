/** Brackets and quotes that open a value in CJK prose: `「…」`, `『…』`, `“…”`, `（…）`, `【…】`. */
const OPENING = '「『“‘（【〈《';

/**
 * Whether `c` is CJK or full-width punctuation (`，`, `。`, `、`, `；`, `！`, `」`, `）`…): the
 * ideographic block U+3000-U+303F and the punctuation of the full-width forms.
 */
function isCjkPunctuation(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019
  );
}

/**
 * The bare value in `text[start, end)` (the head of a value, up to 256 characters of no
 * blank) as CJK prose gives it: without an opening bracket or quote, and up to the first CJK
 * punctuation (`Xy7…，请妥善保管` is `Xy7…`); null when there is none, or nothing stands
 * before it. A bare value runs to a blank, and these scripts write none: the sentence goes
 * on after the value at once. Reads no further than `end`, so a scan stays linear.
 */
export function cjkProseValue(text: string, start: number, end: number): [number, number] | null {
  let from = start;
  if (from < end && OPENING.includes(text[from]!)) from++;
  for (let i = from; i < end; i++) {
    if (isCjkPunctuation(text.charCodeAt(i))) return i > from ? [from, i] : null;
  }
  return null;
}
