import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { forEachPassphraseName, forEachPasswordName } from './credential-name-search.js';
import { AFTER_NAME_IN_PROSE, reportProseValue } from './prose-value.js';

/**
 * A password named in a sentence, up to its value: `password`, `passwd`, `pwd` or
 * `passphrase` (not inside a longer word), then what a sentence puts between
 * a name and its value (`AFTER_NAME_IN_PROSE`). Any letter case. Linear.
 */
const LEAD = new RegExp(
  `(?<![A-Za-z0-9])(?:password|passwd|pwd|passphrase)${AFTER_NAME_IN_PROSE}`,
  'giy',
);

/**
 * A password given in prose, as people type it into a prompt or a ticket: `my password is
 * …`, `the wifi password is '…'`, `the password for the admin account was changed to …`,
 * `the passphrase is: …`. There is no `=` or `:` for the assignment scan, and prose says far
 * more about passwords than it gives them (`the password is incorrect`, `is at least 12
 * characters`, `is stored in Vault`), so the value is judged as a bare assignment's is
 * (`isSecretValue`: letters with digits or symbols, eight digits or more, random letters;
 * never a word, a placeholder, a path or a number with a unit), or is six digits or more
 * that are no placeholder (`reportProseValue`). A password of letters only (`sunshine`) is
 * missed: in prose it cannot be told from a word. Found from each name in the letter cases
 * text writes them (`forEachPasswordName`, `forEachPassphraseName`).
 */
export const passwordInProse: Detector = {
  id: 'password-in-prose',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  // What `forEachPasswordName` and `forEachPassphraseName` search for.
  needles: ['word', 'Word', 'WORD', 'wd', 'WD', 'hrase', 'HRASE'],
  scan(text: string, out: Finding[]): void {
    const visit = (start: number) => {
      LEAD.lastIndex = start;
      if (LEAD.test(text)) reportProseValue(text, LEAD.lastIndex, out, 'password-in-prose');
      return start + 1;
    };
    forEachPasswordName(text, visit);
    forEachPassphraseName(text, visit);
  },
};
