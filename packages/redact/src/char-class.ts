/**
 * ASCII character classes of a char code, for scans that walk text with `charCodeAt`
 * instead of a regex. One copy, so the detectors agree on what a digit or a word
 * character is; V8 inlines calls this small across modules as it does local ones.
 */

/** `0`-`9`. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `0`-`9`, `A`-`F`, `a`-`f`. */
export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** `A`-`Z`, `a`-`z`. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `a`-`z`. */
export function isLowerAsciiLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** `0`-`9`, `A`-`Z`, `a`-`z`. */
export function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** XML's and JSON's white space: space, tab, line feed, carriage return. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
