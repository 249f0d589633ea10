import type { Finding } from './finding.js';

/**
 * An escape that can glue what follows it to a word: a backslash escape (`\n`, `\t`,
 * `\u0041`, `\/`, `\_`, and the doubled `\\n` of JSON inside a JSON string: a run of
 * backslashes and the character it escapes), or a percent-encoded ASCII byte (`%20`, `%3D`,
 * `%0A`; double-encoded `%2520` too) or UTF-8 character (`%C3%A9`). `\"`, `\'` and a
 * backslash before a space glue nothing: detectors already read a quote or a space as a
 * boundary. `%` and a byte of 0x80 and up outside a UTF-8 sequence is left alone:
 * `DB_PASSWORD=%DB_PASSWORD%` is a Windows variable, not an encoded byte, and blanking it
 * made a false positive. The lookbehind makes a run of backslashes one candidate, not one
 * per backslash, so a long run costs its length once; the other repetitions are bounded:
 * linear.
 */
const ESCAPE =
  /(?<!\\)\\+(?:u[0-9A-Fa-f]{4}|[^\s"'\\])|%(?:25){0,4}[0-7][0-9A-Fa-f]|%[C-Fc-f][0-9A-Fa-f](?:%[89ABab][0-9A-Fa-f]){1,3}/g;

/**
 * A copy of `text` with every escape blanked to spaces of the same length, or null when it
 * holds none. In `{"content":"my key:\nsk-…"}` the key follows the `n` of `\n`, and every
 * detector's "starts a token" check (`notAfter`, lookbehinds, word boundaries, host
 * detectors' `\b`) reads that letter as part of a word; in `q=my%20ghp_…` it reads the
 * `0`. Scanning this view as well finds them. Same length, so offsets are the original's.
 * Texts without `\` or `%` (most prose) cost two `indexOf`s and no copy.
 *
 * The copy is the text's UTF-16 code units in one buffer, blanked in place and decoded
 * once: `String.replace` with a callback built the view from a piece per escape, and
 * megabytes of escapes took superlinear time (`\n` repeated: 4.5 ms for 125 KB, 39 ms for
 * 1 MB, 478 ms for 4 MB; now 2.3, 26 and 82 ms, measured on a loaded machine).
 */
export function blankEscapes(text: string): string | null {
  if (text.indexOf('\\') < 0 && text.indexOf('%') < 0) return null;
  let bytes: Buffer | null = null;
  let units: Uint16Array | null = null;
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m !== null; m = ESCAPE.exec(text)) {
    if (units === null) {
      // Its own memory (not the shared pool), so the code units start aligned.
      bytes = Buffer.allocUnsafeSlow(2 * text.length);
      bytes.write(text, 'utf16le');
      units = new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
    }
    units.fill(0x20, m.index, m.index + m[0].length);
  }
  return bytes === null ? null : bytes.toString('utf16le');
}

/**
 * `findings` with each one that starts inside an escape (on the `t` of `\t`, the `u0009`
 * of `\u0009`) starting where the escape ends instead; one left empty is dropped. Scanning
 * the text itself, the e-mail detector reads `\tbob@example.com` as `tbob@example.com`,
 * and masking that cut the escape in two: `\[EMAIL_1]`, which is not JSON any more, and
 * the tab lost. The characters skipped are the escape's own, never the value's (the scan
 * of `view` finds the value from its first character). A finding that starts on an
 * escape's first character (`%0A` read as part of a local part) keeps it: fail closed.
 * Copies what it changes: a host detector's findings are its own.
 *
 * @param view `text` with its escapes blanked (see {@link blankEscapes}).
 */
export function startAfterEscapes(findings: Finding[], text: string, view: string): Finding[] {
  const blanked = (i: number) => view.charCodeAt(i) === 0x20 && text.charCodeAt(i) !== 0x20;
  let out: Finding[] | null = null;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.start === 0 || !blanked(f.start) || !blanked(f.start - 1)) {
      out?.push(f);
      continue;
    }
    out ??= findings.slice(0, i);
    let start = f.start;
    while (start < f.end && blanked(start)) start++;
    if (start < f.end) out.push({ ...f, start });
  }
  return out ?? findings;
}
