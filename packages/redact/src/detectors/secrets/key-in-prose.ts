import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { API_KEY_KEYS, type NameKeys, TOKEN_KEYS } from './credential-name-search.js';
import { AFTER_NAME_IN_PROSE, reportProseValue } from './prose-value.js';

/**
 * `token` or `secret` named in a sentence, up to its value: not after a letter or digit
 * (`access token`, `GITHUB_TOKEN`, `client_secret`), then what a sentence puts between a
 * name and its value (`AFTER_NAME_IN_PROSE`). Any letter case. Linear.
 */
const TOKEN_LEAD = new RegExp(`(?<![A-Za-z0-9])(?:token|secret)${AFTER_NAME_IN_PROSE}`, 'giy');

/** `key` after `api`, `access` or `secret` and an optional joiner (`API key`, `apikey`, `SECRET_KEY`). */
const KEY_LEAD = new RegExp(
  `(?<![A-Za-z0-9])(?:api|access|secret)[ _-]?key${AFTER_NAME_IN_PROSE}`,
  'giy',
);

/** Each search, and the lead read from where its name may start. */
const SEARCHES: ReadonlyArray<readonly [keys: NameKeys, lead: RegExp]> = [
  [TOKEN_KEYS, TOKEN_LEAD],
  [API_KEY_KEYS, KEY_LEAD],
];

/**
 * A token, secret or API key given in prose, as people paste it into a prompt or a ticket:
 * `my API key is …`, `the access token for staging is …`, `the client secret was changed
 * to …`: the prose form of an assignment under a credential name. The value is judged as
 * `password-in-prose` judges one (`reportProseValue`): `the token is expired`, `the secret is
 * stored in Vault` and `the API key is $API_KEY` are left alone. A key whose format is
 * known (`sk-…`, `ghp_…`) is found by its own detector wherever it is.
 */
export const keyInProse: Detector = {
  id: 'key-in-prose',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: SEARCHES.flatMap(([keys]) => keys.map(([key]) => key)),
  scan(text: string, out: Finding[]): void {
    for (const [keys, lead] of SEARCHES) {
      for (const [key, backs] of keys) {
        for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
          // A blank follows the name in every lead: most names in code (`key:`, `keys`,
          // `token)`) are turned away here, before any pattern runs.
          const after = text.charCodeAt(at + key.length);
          if (after !== SPACE && after !== TAB) continue;
          for (const back of backs) {
            if (at < back) continue;
            lead.lastIndex = at - back;
            if (lead.test(text)) reportProseValue(text, lead.lastIndex, out, 'key-in-prose');
          }
        }
      }
    }
  },
};

const SPACE = 0x20;
const TAB = 0x09;
