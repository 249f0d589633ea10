import { isBlank } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { commandWordEnd, reportPasswordArgument } from './command-line.js';
import { skipBlanks } from './shell-blanks.js';

const COMMAND = 'sshpass';

/** Options read before giving up: sshpass has six, so more is not its option list. */
const MAX_OPTIONS = 8;
/** How far before a `-p` sshpass's name is looked for: its options are a few short words. */
const LOOK_BACK = 128;

/** End of the word at `i` (the next blank or line break), or `limit` if that comes first. */
function wordEnd(text: string, i: number, limit: number): number {
  for (; i < limit; i++) {
    if (isBlank(text.charCodeAt(i))) return i;
  }
  return limit;
}

/**
 * `sshpass -p <password> ssh …`: sshpass takes the SSH password on its command line, apart
 * (`-p pw`) or glued (`-ppw`). Only a `-p` among sshpass's own options counts, read from
 * the command word up to the command it runs (`-f file`, `-d fd` and `-P prompt` skipped
 * with their argument): after it, `ssh -p 2222` is a port. After `-p` nothing but a
 * password goes, so the value is judged as in a URL query (a word of letters, `raspberry`,
 * is taken too); placeholders, variables (`$SSHPASS`, `"${PW}"`) and command substitutions
 * are not (`isSecretValue`). Built like the MySQL clients' `-p` detector, on the same
 * command-word rule, and found the same way: from each `-p` after a blank, looking back
 * for the command (`indexOf('sshpass')` over a whole text cost ~0.6 ms per MB, `-p` ~0.03).
 */
export const sshpassPassword: Detector = {
  id: 'sshpass-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  // For the short-text gate: `-p` comes after a blank in every match.
  anchors: [' -p', '\t-p'],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf('-p');
    while (at >= 0) {
      let next = at + 2;
      const before = text.charCodeAt(at - 1);
      if (before === 32 || before === 9) {
        const from = Math.max(0, at - LOOK_BACK);
        const k = text.slice(from, at).lastIndexOf(COMMAND);
        const end = k >= 0 ? commandWordEnd(text, from + k, COMMAND, true) : -1;
        if (end >= 0 && isOwnFlag(text, end, at)) {
          next = readPassword(text, at + 2, out);
        }
      }
      at = text.indexOf('-p', next);
    }
  },
};

/**
 * Whether the `-p` at `at` is one of sshpass's own options, read from `i` (right after its
 * command word) up to the command it runs. Never reads past `at`, so a long word costs nothing.
 */
function isOwnFlag(text: string, i: number, at: number): boolean {
  for (let n = 0; n < MAX_OPTIONS && i < at; n++) {
    i = skipBlanks(text, i);
    if (i === at) return true;
    if (text.charCodeAt(i) !== 45 /* - */ || text.charCodeAt(i + 1) === 112 /* p */) return false;
    const flag = text.charCodeAt(i + 1);
    const end = wordEnd(text, i, at);
    // -f file, -d fd, -P prompt: the argument is the next word unless glued.
    const takesArgument = flag === 102 || flag === 100 || flag === 80;
    i = takesArgument && end === i + 2 ? wordEnd(text, skipBlanks(text, end), at) : end;
  }
  return false;
}

/** Reports the password at `i` (glued to `-p`, or after blanks); returns where it ends. */
function readPassword(text: string, i: number, out: Finding[]): number {
  const c = text.charCodeAt(i);
  const from = c === 32 || c === 9 || c === 92 ? skipBlanks(text, i) : i;
  return reportPasswordArgument(text, from, 'sshpass-password', true, out);
}
