import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { API_KEY_KEYS, forEachName, type NameKeys, TOKEN_KEYS } from './credential-name-search.js';
import { proseLeads, reportAfterLead } from './prose-value.js';

/**
 * Each search, and the leads read from where its name may start: `token` or `secret` not
 * after a letter or digit (`access token`, `GITHUB_TOKEN`, `client_secret`), and `key` after
 * `api`, `access` or `secret` and an optional joiner (`API key`, `apikey`, `SECRET_KEY`).
 */
const SEARCHES: ReadonlyArray<readonly [keys: NameKeys, leads: readonly RegExp[]]> = [
  [TOKEN_KEYS, proseLeads('(?:token|secret)')],
  [API_KEY_KEYS, proseLeads('(?:api|access|secret)[ _-]?key')],
];

/**
 * A token, secret or API key given in prose, as people paste it into a prompt or a ticket:
 * `my API key is …`, `the access token for staging is …`, `the client secret was changed
 * to …`, `authenticate with the API key …` (`proseLeads`): the prose form of an assignment
 * under a credential name. The value is judged as `password-in-prose` judges one
 * (`reportProseValue`): `the token is expired`, `the secret is stored in Vault` and `the
 * API key is $API_KEY` are left alone. A key whose format is known (`sk-…`, `ghp_…`) is found
 * by its own detector wherever it is.
 */
export const keyInProse: Detector = {
  id: 'key-in-prose',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: SEARCHES.flatMap(([keys]) => keys.map(([key]) => key)),
  scan(text: string, out: Finding[]): void {
    for (const [keys, leads] of SEARCHES) {
      forEachName(text, keys, (start, keyEnd) => {
        // A blank follows the name in every lead: most names in code (`key:`, `keys`,
        // `token)`) are turned away here, before any pattern runs.
        const after = text.charCodeAt(keyEnd);
        if (after === SPACE || after === TAB)
          reportAfterLead(text, start, leads, out, 'key-in-prose');
        return start + 1;
      });
    }
  },
};

const SPACE = 0x20;
const TAB = 0x09;
