import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * Slack tokens: bot/user/app/config tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxo-`, `xoxs-`,
 * `xoxr-`, `xoxe.xoxp-`, `xapp-`). Real ones carry digit groups; requiring a digit keeps
 * `xoxb-your-token` style examples out.
 */
export const slackToken: Detector = anchoredDetector({
  id: 'slack-token',
  type: 'secret',
  kind: 'slack',
  priority: 100,
  anchors: ['xox', 'xapp-'],
  notAfter: /[A-Za-z0-9-]/,
  pattern: /(?:xox(?:[abposr]|e(?:\.xox[bp])?)|xapp)-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/,
  validate: (value) => {
    const body = value.slice(value.indexOf('-') + 1);
    return /[0-9]/.test(body) && !isPlaceholder(body);
  },
});

/**
 * A Slack token glued to a name before it by `-` (`key-xoxb-…`), which `slackToken` leaves:
 * it must start a token, or a name that runs into `xoxb-` would be read as one (a `_`
 * before it is a boundary there already). Taken only in the shape Slack issues, whose
 * numeric ids (workspace, user, bot: 10-13 digits each) do not turn up in names: bot
 * `xoxb-<id>-<id>-<secret>`, user `xoxp-<id>-<id>-<id>-<secret>` and app-level
 * `xapp-<n>-<app id>-<id>-<hex>`. Run only where `-` or `_` is right before the anchor;
 * each piece is bounded, so a candidate costs at most ~190 characters.
 */
export const slackGluedToken: Detector = anchoredDetector({
  id: 'slack-token',
  type: 'secret',
  kind: 'slack',
  priority: 100,
  anchors: ['xoxb-', 'xoxp-', 'xapp-'],
  notAfter: /[^_-]/,
  pattern:
    /(?:xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{16,64}|xoxp-\d{10,13}-\d{10,13}-\d{10,13}-[A-Za-z0-9]{28,64}|xapp-\d-[A-Z0-9]{6,16}-\d{10,13}-[a-z0-9]{32,128})(?![A-Za-z0-9-])/,
  validate: (value) => !isPlaceholder(value.slice(value.lastIndexOf('-') + 1)),
});

/**
 * Slack incoming-webhook and workflow URLs. The path after `hooks.slack.com/` is the
 * secret, so only it is reported and the host stays readable.
 */
export const slackWebhook: Detector = anchoredDetector({
  id: 'slack-webhook',
  type: 'secret',
  kind: 'slack',
  priority: 100,
  anchors: ['hooks.slack.com/'],
  pattern: /hooks\.slack\.com\/((?:services|workflows|triggers)\/[A-Za-z0-9_/-]{16,200})/,
  groups: [1],
  validate: (value) => !isPlaceholder(value.slice(value.indexOf('/') + 1)),
});
