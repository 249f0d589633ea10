import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { longValueAfter } from '../long-value.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * Credentials in an `Authorization` header under any scheme but the ones other detectors
 * read (`Bearer`, `Basic`) or that carry no secret of their own: `Token <key>` (Django
 * REST framework and many APIs), `Api-Token <key>`, and a bare key with no scheme at all.
 * The value must pass the generic detector's shape checks (no expressions, words or
 * placeholders), since code names headers as often as it sends them.
 */
export const authorizationHeader: Detector = anchoredDetector({
  id: 'authorization-header',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['Authorization', 'authorization', 'AUTHORIZATION'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern:
    /authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["']?[ \t]{0,3}(?:(?:api-)?token[ \t]{1,4})?(?!(?:bearer|basic|digest|negotiate|ntlm|aws4-hmac-sha256|hawk|hoba|mutual|scram-sha-\d+|vapid)\b)([A-Za-z0-9._~+/-]{8,4096}=*)(?![A-Za-z0-9._~+/=(-])/i,
  groups: [1],
  // Past 4,096 characters (the pattern's bound) the whole token run is taken.
  overflow: longValueAfter(
    /authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["']?[ \t]{0,3}(?:(?:api-)?token[ \t]{1,4})?(?!(?:bearer|basic|digest|negotiate|ntlm|aws4-hmac-sha256|hawk|hoba|mutual|scram-sha-\d+|vapid)\b)/iy,
    /[A-Za-z0-9._~+/=-]*/y,
    4096,
  ),
  validate: (value) => isSecretValue(value, true, false),
});
