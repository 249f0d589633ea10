import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

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
 * Found from `/api/` with the host checked behind it: `indexOf` of a literal of seven
 * characters or more (`discord.com/api/`) cost ~0.5 ms per MB, `/api/` ~0.01-0.06.
 */
export const discordWebhook: Detector = anchoredDetector({
  id: 'discord-webhook',
  type: 'secret',
  kind: 'generic',
  priority: 100,
  anchors: ['/api/'],
  pattern:
    /(?<=(?:^|[^A-Za-z0-9-])discord(?:app)?\.com)\/api\/(?:v\d{1,2}\/)?webhooks\/(\d{17,20}\/[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/,
  groups: [1],
  // The token is what a placeholder stands for: the id's digits are no sign either way.
  validate: (value) => !isPlaceholder(value.slice(value.indexOf('/') + 1)),
});
