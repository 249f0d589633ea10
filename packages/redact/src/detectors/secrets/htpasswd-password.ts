import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { commandWordAt, reportPasswordArgument } from './command-line.js';
import { isInvokedAt } from './command-position.js';
import { skipBlanks } from './shell-blanks.js';

const COMMAND = 'htpasswd';

/** Words read after the command: htpasswd takes a few flags and at most three arguments. */
const MAX_WORDS = 10;

/**
 * Whether the character `c` ends a command: a line break, `;`, `|`, `&`, or the `` ` `` or
 * `)` closing a substitution (or a Markdown code span around the command, `` `htpasswd -b` ``).
 */
function isCommandEnd(c: number): boolean {
  return c === 10 || c === 13 || c === 59 || c === 124 || c === 38 || c === 96 || c === 41;
}

/** End of the word at `i`: the next blank or what ends a command. */
function wordEnd(text: string, i: number): number {
  const limit = Math.min(text.length, i + 512);
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || isCommandEnd(c)) return i;
  }
  return i;
}

/** Whether the command stops at `i`: the text's end or what ends a command. */
function endsCommand(text: string, i: number): boolean {
  return i >= text.length || isCommandEnd(text.charCodeAt(i));
}

/**
 * `htpasswd -b [-c] <file> <user> <password>` (and `-nb <user> <password>`, no file):
 * with `-b` Apache's htpasswd takes the password as its last argument, in clear. The
 * flags are read from the command word on (`-bc`, `-B -b`, `-C <cost>` and `-r <rounds>`
 * with their argument); without `-b`, or with `-D` (delete), no password is given. The
 * value is judged as sshpass's is (only a password goes there: a word is taken, a
 * variable or placeholder is not). The name may follow a directory path (`/usr/bin/htpasswd`,
 * `./htpasswd`), quoted too (`"C:\\Program Files\\…\\htpasswd.exe" -b …`). Only where htpasswd is invoked (`isInvokedAt`): in
 * `cat htpasswd -b …` the `-b` is cat's and htpasswd a file. Found from each `htpasswd`
 * command word with `indexOf`, reading at most a few words each and a bounded distance
 * back: linear.
 */
export const htpasswdPassword: Detector = {
  id: 'htpasswd-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: [COMMAND],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf(COMMAND);
    while (at >= 0) {
      let next = at + COMMAND.length;
      // Invoked by its path too (`/usr/bin/htpasswd`, `sudo ./htpasswd`, quoted).
      // Read back from the word's start: its path's, or its opening quote's.
      const word = commandWordAt(text, at, COMMAND, true);
      if (word !== undefined && isInvokedAt(text, word.start)) {
        next = readCommand(text, word.end, out);
      }
      at = text.indexOf(COMMAND, next);
    }
  },
};

/** Reads the flags and arguments from `i` (after the command word); returns where reading stopped. */
function readCommand(text: string, i: number, out: Finding[]): number {
  let batch = false;
  let noFile = false;
  let deletes = false;
  let argument = 0;
  for (let n = 0; n < MAX_WORDS; n++) {
    i = skipBlanks(text, i);
    if (endsCommand(text, i)) return i;
    const end = wordEnd(text, i);
    if (text.charCodeAt(i) === 45 /* - */ && argument === 0) {
      const flags = text.slice(i + 1, end);
      batch ||= flags.includes('b');
      noFile ||= flags.includes('n');
      deletes ||= flags.includes('D');
      // -C <cost>, -r <rounds>: the next word is the flag's.
      const last = flags.charCodeAt(flags.length - 1);
      i = last === 67 || last === 114 ? wordEnd(text, skipBlanks(text, end)) : end;
      continue;
    }
    argument++;
    if (batch && !deletes && argument === (noFile ? 2 : 3)) {
      return Math.max(end, reportPasswordArgument(text, i, 'htpasswd-password', true, out));
    }
    i = end;
  }
  return i;
}
