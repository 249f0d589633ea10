import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { forEachName, PASSPHRASE_KEYS, PASSWORD_KEYS } from './credential-name-search.js';
import { proseLeads, reportAfterLead } from './prose-value.js';

/** What the names are found from: `password`, `passwd` and `pwd`, then `passphrase`. */
const NAME_KEYS = [...PASSWORD_KEYS, ...PASSPHRASE_KEYS];

/** `password`, `passwd`, `pwd` or `passphrase`, not inside a longer word, up to its value. */
const LEADS = proseLeads('(?:password|passwd|pwd|passphrase)');

/**
 * A password given in prose, as people type it into a prompt or a ticket: `my password is
 * …`, `the wifi password is '…'`, `the password for the admin account was changed to …`,
 * `the passphrase is: …`, `log in with the temporary password …` (`proseLeads`). There is
 * no `=` or `:` for the assignment scan, and prose says far more about passwords than it
 * gives them (`the password is incorrect`, `is at least 12 characters`, `is stored in
 * Vault`), so the value is judged as a bare assignment's is (`isSecretValue`: letters with
 * digits or symbols, eight digits or more, random letters; never a word, a placeholder, a
 * path or a number with a unit), or is six digits or more that are no placeholder
 * (`reportProseValue`). A password of letters only (`sunshine`) is missed: in prose it
 * cannot be told from a word. Found from each name in the letter cases text writes them
 * (`PASSWORD_KEYS`, `PASSPHRASE_KEYS`).
 */
export const passwordInProse: Detector = {
  id: 'password-in-prose',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: NAME_KEYS.map(([key]) => key),
  scan(text: string, out: Finding[]): void {
    const visit = (start: number) => {
      reportAfterLead(text, start, LEADS, out, 'password-in-prose');
      return start + 1;
    };
    forEachName(text, NAME_KEYS, visit);
  },
};
