import { isAsciiLetter, isBlank } from '../../char-class.js';
import { endsWithCredentialName } from '../../credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { reportPasswordArgument } from './command-line.js';
import { skipBlanks } from './shell-blanks.js';
import { isTokenChar } from './token-char.js';

/** Longest flag name read: real ones are a few words; longer is not a flag worth reading. */
const MAX_NAME = 64;

/** Whether a long flag may start after `c`: the text's start (NaN), a blank or a line break. */
function startsArgument(c: number): boolean {
  return Number.isNaN(c) || isBlank(c);
}

/**
 * End of the flag name at `i` (right after `--`): a letter, then letters, digits, `-` or
 * `_`. Returns -1 when there is none or it runs past {@link MAX_NAME}, so a long word
 * costs at most that many characters.
 */
function flagNameEnd(text: string, i: number): number {
  if (!isAsciiLetter(text.charCodeAt(i))) return -1;
  const limit = i + MAX_NAME;
  for (let k = i + 1; k <= limit; k++) {
    if (!isTokenChar(text.charCodeAt(k))) return k;
  }
  return -1;
}

/**
 * The value of a long command-line flag named like a credential, written after a blank:
 * `--password <v>`, `docker login --password <v>`, `--token <v>`, `--api-key <v>`,
 * `--client-secret <v>` (`--password=<v>` is an assignment, the generic detector's). The
 * name must end with a credential name (`endsWithCredentialName`, the generic detector's
 * list), so `--password-file <path>`, `--password-stdin` and `--token-type bearer` name
 * something else and are left. The value is judged as an assignment's is (`isSecretValue`:
 * no placeholders, variables, paths, words or command substitutions), and a value that
 * starts with `-` is the next flag (`psql --password --host …`). In a YAML list of
 * arguments (Kubernetes `args:`) the value is the next item: `- --password` then `- <v>`.
 *
 * Found from each `--` (`indexOf` of a literal starting with `-`, rare in prose) with a
 * blank, a line break or the text's start before it: a flag is a word of its own, and
 * `a--b` or `<!--` are not flags. The anchor `--` serves the short-text gate: a text
 * without it cannot hold such a flag.
 */
export const flagValue: Detector = {
  id: 'flag-value',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['--'],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf('--');
    while (at >= 0) {
      let next = at + 2;
      if (startsArgument(text.charCodeAt(at - 1))) {
        const end = flagNameEnd(text, at + 2);
        if (end > 0) {
          next = end;
          if (endsWithCredentialName(text.slice(at + 2, end))) next = readValue(text, at, end, out);
        }
      }
      at = text.indexOf('--', next);
    }
  },
};

/** Reports the value after the flag name ending at `i`; returns where reading may resume. */
function readValue(text: string, flag: number, i: number, out: Finding[]): number {
  let from = skipBlanks(text, i);
  // A flag ending its line takes its value from the next only as a YAML list writes
  // argv (`- --password` then `- <v>`); `--password=…` is an assignment.
  if (from === i) from = nextYamlItem(text, flag, i);
  if (from < 0 || from === i || text.charCodeAt(from) === 45 /* - */) return i;
  return reportPasswordArgument(text, from, 'flag-value', false, out);
}

/** Longest indentation of a YAML list item read. */
const MAX_INDENT = 64;

/**
 * Where the value starts when the flag at `flag`, ending its line at `end`, is a YAML
 * list item (`<indent>- --password`) and the next line is the next item in the same
 * column (`<indent>- <value>`), as Kubernetes `args:` lists a container's argv; -1 when
 * not. Reads the flag's own line back to its start and the next line's indentation, each
 * bounded.
 */
function nextYamlItem(text: string, flag: number, end: number): number {
  if (text.charCodeAt(flag - 1) !== 32 || text.charCodeAt(flag - 2) !== 45 /* - */) return -1;
  let lineStart = flag - 2;
  while (lineStart > 0 && flag - lineStart <= MAX_INDENT + 2) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === 10) break;
    if (c !== 32) return -1;
    lineStart--;
  }
  if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) return -1;
  const indent = flag - 2 - lineStart;
  let next = end;
  if (text.charCodeAt(next) === 13) next++;
  if (text.charCodeAt(next) !== 10) return -1;
  next++;
  for (let k = 0; k < indent; k++) if (text.charCodeAt(next + k) !== 32) return -1;
  next += indent;
  if (text.charCodeAt(next) !== 45 || text.charCodeAt(next + 1) !== 32) return -1;
  return next + 2;
}
