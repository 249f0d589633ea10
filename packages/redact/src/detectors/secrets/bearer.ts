import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { longValueAfter } from '../long-value.js';
import { isPlaceholder, looksRandom } from './placeholder.js';

/** `Authorization` within the few characters before `Bearer` (header, JSON, curl -H). */
const AUTH_CONTEXT = /authorization["']?\s{0,3}[:=]\s{0,3}["']?\s{0,3}$/i;

/**
 * Bearer tokens (RFC 6750). After an `Authorization` header any non-placeholder token is
 * taken; elsewhere ("the bearer instrument") the token must look machine-made. The scheme
 * is case-insensitive (RFC 7235: `BEARER`, `bearer` are `Bearer`), and the
 * `authorization-header` detector leaves every case of it to this one.
 */
export const bearerToken: Detector = anchoredDetector({
  id: 'bearer-token',
  type: 'secret',
  kind: 'bearer',
  priority: 90,
  anchors: ['bearer'],
  anchorsIgnoreCase: true,
  notAfter: /[A-Za-z0-9]/,
  pattern: /bearer[ \t]{1,4}([A-Za-z0-9._~+/-]{8,4096}=*)(?![A-Za-z0-9._~+/=-])/i,
  groups: [1],
  // Past 4,096 characters (the pattern's bound) the whole token run is taken.
  overflow: longValueAfter(/bearer[ \t]{1,4}/iy, /[A-Za-z0-9._~+/=-]*/y, 4096),
  validate: (value, text, start) => {
    // The token follows `bearer` and its 1-4 blanks.
    let keyword = start;
    while (text.charCodeAt(keyword - 1) === 32 || text.charCodeAt(keyword - 1) === 9) keyword--;
    keyword -= 6;
    const context = text.slice(Math.max(0, keyword - 24), keyword);
    if (AUTH_CONTEXT.test(context)) return !isPlaceholder(value);
    return looksRandom(value, 16) && /[0-9]/.test(value);
  },
});
