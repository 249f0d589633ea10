/**
 * Spaces, tabs and escaped line breaks (`\` + newline, a shell line continuation) from
 * `i`; returns the offset of the next other character. Between a flag and its value a
 * shell reads all of these as one separator.
 */
export function skipBlanks(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (c === 92 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (c === 92 && text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10) i += 3;
    else return i;
  }
}
