import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { AnyCaseSearch } from '../any-case-search.js';
import { reportPasswordArgument } from './command-line.js';

const COMMAND = new AnyCaseSearch('convertto-securestring');
/** The cmdlet's name, its `-String` parameter (optional), then the string: any case. */
const STRING_ARGUMENT = /convertto-securestring[ \t]{1,16}(?:-string[ \t]{1,16})?(?=["'\w])/iy;
/** `-AsPlainText` later in the same command (not past a line end, `;` or `|`). */
const AS_PLAIN_TEXT = /[^\r\n;|]{0,512}?[ \t]-asplaintext\b/iy;

/**
 * PowerShell's `ConvertTo-SecureString "<password>" -AsPlainText -Force` (also with
 * `-String`): the password is written in clear in the script. Only with `-AsPlainText`
 * is the string a password (without it, it is an encrypted standard string). The value is
 * judged as sshpass's is (a variable such as `$pw` is not taken). Found from each cmdlet
 * name in any case; bounded reads: linear.
 */
export const secureStringPassword: Detector = {
  id: 'secure-string-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['convertto-securestring'],
  anchorsIgnoreCase: true,
  scan(text: string, out: Finding[]): void {
    COMMAND.start(text);
    let at = COMMAND.next(0);
    while (at >= 0) {
      let next = at + 1;
      STRING_ARGUMENT.lastIndex = at;
      if (STRING_ARGUMENT.test(text)) {
        const from = STRING_ARGUMENT.lastIndex;
        const end = reportArgumentIfPlain(text, from, out);
        next = Math.max(next, end);
      }
      at = COMMAND.next(next);
    }
  },
};

/** Reports the string at `from` when `-AsPlainText` follows it; returns where it ends. */
function reportArgumentIfPlain(text: string, from: number, out: Finding[]): number {
  const found: Finding[] = [];
  const end = reportPasswordArgument(text, from, 'secure-string-password', true, found);
  AS_PLAIN_TEXT.lastIndex = end;
  if (found.length > 0 && AS_PLAIN_TEXT.test(text)) out.push(...found);
  return end;
}
