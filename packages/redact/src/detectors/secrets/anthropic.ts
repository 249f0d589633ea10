import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * Anthropic API and admin keys: `sk-ant-api03-…`, `sk-ant-admin01-…`. One glued to a name
 * before it is `anthropicGluedKey`'s.
 */
export const anthropicKey: Detector = anchoredDetector({
  id: 'anthropic-key',
  type: 'secret',
  kind: 'anthropic',
  priority: 100,
  anchors: ['sk-ant-'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern: /sk-ant-[a-z]{2,8}[0-9]{0,3}-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/,
  validate: (value) => !isPlaceholder(value.slice(value.indexOf('-', 7) + 1)),
});

/**
 * An Anthropic key glued to a name before it (`x_sk-ant-api03-…`, `key-sk-ant-…`), which
 * `anthropicKey` leaves: it must start a token, or an identifier that runs into `sk-ant-`
 * would be read as a key. Taken only in the exact shape Anthropic issues: `api` or
 * `admin` and two digits, then 93 characters and `AA`, the whole token ending there. Run
 * only where `-` or `_` is right before the anchor; the fixed count stops the pattern
 * after 95 characters however the text goes on.
 */
export const anthropicGluedKey: Detector = anchoredDetector({
  id: 'anthropic-key',
  type: 'secret',
  kind: 'anthropic',
  priority: 100,
  anchors: ['sk-ant-'],
  notAfter: /[^_-]/,
  pattern: /sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/,
  validate: (value) => !isPlaceholder(value.slice(value.indexOf('-', 7) + 1)),
});
