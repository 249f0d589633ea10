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
