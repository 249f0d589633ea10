/**
 * Length of the percent-encoded quote (`%22`, `%27` or `%60`, encoded again as `%2522`, up to
 * three times) at `at`, or 0.
 */
function encodedQuoteAt(text: string, at: number): number {
  if (text.charCodeAt(at) !== 37 /* % */) return 0;
  let i = at + 1;
  for (let n = 1; n < 3 && text.startsWith('25', i) && text.charCodeAt(i + 2) === 50; n++) i += 2;
  const hi = text.charCodeAt(i);
  const lo = text.charCodeAt(i + 1);
  // `%22` ", `%27` ', `%60` `
  const quote = (hi === 50 && (lo === 50 || lo === 55)) || (hi === 54 && lo === 48);
  return quote ? i + 2 - at : 0;
}

/**
 * The span of a bare value in `text[start, end)` without the percent-encoded quotes
 * around it: a quoted value in an encoded query or form (`q=%22…%22`, `TOKEN%3D%22…%22`)
 * is read bare, so its quotes were masked with it (`%3D%22[SECRET_1]`, the closing `%22`
 * gone), and a placeholder quoted so (`%22[SECRET_1]%22`, what redaction wrote, encoded)
 * was read as `%22[SECRET_1` and masked again (`[SECRET_2]]`). The closing quote is the
 * opening one, encoded as often, at the value's end. Reads at most the few characters of
 * the two quotes.
 */
export function withoutEncodedQuotes(
  text: string,
  start: number,
  end: number,
): readonly [number, number] {
  const open = encodedQuoteAt(text, start);
  if (open === 0 || start + 2 * open > end) return [start, end];
  const close = end - open;
  let closes = true;
  for (let i = 0; i < open && closes; i++)
    closes = text.charCodeAt(close + i) === text.charCodeAt(start + i);
  return [start + open, closes ? close : end];
}
