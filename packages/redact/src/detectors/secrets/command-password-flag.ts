import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { commandTracker, reportPasswordArgument } from './command-line.js';
import { PASSWORD_FLAG_GROUPS, type PasswordFlags } from './password-flag-groups.js';
import { skipBlanks } from './shell-blanks.js';

/**
 * A password given apart after a flag that means one only on some command lines: `docker
 * login -u bob -p <pw>` (and Podman's), the MongoDB shell and tools' `-p <pw>`,
 * `redis-cli -a <pw>`, keytool's and jarsigner's `-storepass <pw>`/`-keypass <pw>`, PuTTY's
 * `plink`/`pscp`/`psftp -pw <pw>` and KiTTY's (`kitty -pw <pw>`). The
 * command must start the line the flag is on (`commandTracker`: `;`, `|`, `&&` and line
 * breaks end a command), so `docker run -p 5432:5432` and `ssh -p 2222` stay; the value
 * is judged as sshpass's is (after such a flag nothing but a password goes: a word is
 * taken, a variable or placeholder is not). Found from each flag after a blank with
 * `indexOf`; each group's commands are followed forward once: linear.
 */
export const commandPasswordFlag: Detector = {
  id: 'command-password-flag',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  // For the short-text gate: every flag comes after a blank.
  anchors: [' -p', '\t-p', ' -a', '\t-a', ' -s', ' -k', ' -d', '\t-s', '\t-k', '\t-d'],
  scan(text: string, out: Finding[]): void {
    for (const group of PASSWORD_FLAG_GROUPS) scanGroup(text, group, out);
  },
};

function scanGroup(text: string, group: PasswordFlags, out: Finding[]): void {
  let onCommand: ((at: number) => boolean) | undefined;
  const next = group.flags.map((flag) => text.indexOf(flag));
  for (;;) {
    // The flags of a group in increasing order: the tracker only moves forward.
    let k = -1;
    for (let f = 0; f < next.length; f++) {
      if (next[f]! >= 0 && (k < 0 || next[f]! < next[k]!)) k = f;
    }
    if (k < 0) return;
    const flag = group.flags[k]!;
    const at = next[k]!;
    let resume = at + flag.length;
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + flag.length);
    if ((before === 32 || before === 9) && (after === 32 || after === 9)) {
      const from = skipBlanks(text, at + flag.length);
      onCommand ??= commandTracker(text, group.commands, true);
      if (text.charCodeAt(from) !== 45 /* - */ && onCommand(at)) {
        resume = reportPasswordArgument(text, from, 'command-password-flag', true, out);
      }
    }
    next[k] = text.indexOf(flag, resume);
  }
}
