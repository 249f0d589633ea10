import { isDigit } from '../../char-class.js';
import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { BEFORE_HOST, SLASH } from '../discord-webhook-path.js';
import { isPlaceholder } from './placeholder.js';

/** The token of a matched `<id>/<token>`: past the id's digits and the `/` (or `\/`, `%2F`). */
function tokenOf(value: string): string {
  let i = 0;
  while (isDigit(value.charCodeAt(i))) i++;
  if (value.charCodeAt(i) === 92 /* \ */) i++;
  return value.slice(value.charCodeAt(i) === 37 /* % */ ? i + 3 : i + 1);
}

/**
 * Discord webhook URLs, `https://discord.com/api/webhooks/<id>/<token>` (also
 * `discordapp.com`, the `ptb.`/`canary.` hosts and a versioned `/api/v10/`): anyone
 * holding the URL can post as the webhook. The id (a 17-20 digit snowflake) and the token
 * (68 base64url characters as Discord issues them) are reported as one secret, the
 * credential the URL carries; the host stays readable. Reporting the token alone left the
 * id to the card detector, and an 18-digit snowflake starting with 5 or 6 (ids of
 * 2018-2020) passes a card check one time in ten: the URL came out as
 * `webhooks/[CREDIT_CARD_1]/[SECRET_1]`, a card counted that is not there. gitleaks has no
 * rule for these; the shape is Discord's API path, as discord.js's webhook regex reads it.
 * Its slashes may be escaped in JSON (`\/api\/webhooks\/`) or percent-encoded (`%2Fapi%2F`,
 * a URL in another URL's query): read only plain, such a URL was left whole in clear.
 * Found from `/api/` (and its other forms) with the host checked behind it: `indexOf` of
 * a literal of seven characters or more (`discord.com/api/`) cost ~0.5 ms per MB, `/api/`
 * ~0.01-0.06.
 */
export const discordWebhook: Detector = anchoredDetector({
  id: 'discord-webhook',
  type: 'secret',
  kind: 'generic',
  priority: 100,
  anchors: ['/api/', '/api\\/', '%2Fapi%2F', '%2fapi%2f'],
  pattern: new RegExp(
    `(?<=${BEFORE_HOST}discord(?:app)?\\.com\\\\?)(?:\\/|%2[Ff])api${SLASH}(?:v\\d{1,2}${SLASH})?webhooks${SLASH}(\\d{17,20}${SLASH}[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])`,
  ),
  groups: [1],
  // The token is what a placeholder stands for: the id's digits are no sign either way.
  validate: (value) => !isPlaceholder(tokenOf(value)),
});
