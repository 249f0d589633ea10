import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isIssuedRandomBody } from './issued-random-body.js';
import { isPlaceholder } from './placeholder.js';

/**
 * Google credentials: API keys (`AIza` + 35), OAuth client secrets (`GOCSPX-` + 28) and
 * OAuth access tokens (`ya29.`). An API key glued to text before it is `googleGluedKey`'s.
 */
export const googleKey: Detector = anchoredDetector({
  id: 'google-key',
  type: 'secret',
  kind: 'google',
  priority: 100,
  anchors: ['AIza', 'GOCSPX-', 'ya29.'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern:
    /(?:AIza[0-9A-Za-z_-]{35}|GOCSPX-[0-9A-Za-z_-]{28}|ya29\.[0-9A-Za-z_-]{20,2048})(?![A-Za-z0-9_-])/,
  validate: (value) => !isPlaceholder(value.slice(value.startsWith('GOCSPX-') ? 7 : 4)),
});

/**
 * A Google API key glued to text before it (`tokenAIza…`, `key-AIzaSy…`), which
 * `googleKey` leaves. Taken only in the shape Google issues its API keys: `AIzaSy`, then 33
 * characters holding a digit and both letter cases, the whole token ending there. `AIza`
 * alone is not enough there: a camel-case name with a version in it (`…AIzaV2Config…`)
 * reaches 35 characters with a digit often enough. Run only where a letter, digit, `_` or
 * `-` is right before the anchor; the fixed count stops the pattern after 39 characters.
 */
export const googleGluedKey: Detector = anchoredDetector({
  id: 'google-key',
  type: 'secret',
  kind: 'google',
  priority: 100,
  anchors: ['AIzaSy'],
  notAfter: /[^A-Za-z0-9_-]/,
  pattern: /AIzaSy[0-9A-Za-z_-]{33}(?![A-Za-z0-9_-])/,
  validate: (value, _text, start) => start > 0 && isIssuedRandomBody(value.slice(6)),
});
