import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { longValueAfter } from '../long-value.js';
import { SCHEME_GAP, VALUE_GAP } from './header-gap.js';
import { isSecretValue } from './secret-value-shape.js';

/** Schemes other detectors read, or that carry no secret of their own after them. */
const OTHER_SCHEMES =
  '(?:bearer|basic|digest|negotiate|ntlm|aws4-hmac-sha256|hawk|hoba|mutual|scram-sha-\\d+|vapid)\\b';

/**
 * The header up to its value: the name, `:` or `=` (JSON, code), an optional quote, an
 * optional `Token`/`Api-Token` scheme, each gap possibly a folded line
 * (`Authorization:\r\n Token\r\n\t<key>`), and no other scheme.
 */
const HEAD = `authorization["']?[ \t]{0,3}[:=]${VALUE_GAP}["']?[ \t]{0,3}(?:(?:api-)?token${SCHEME_GAP})?(?!${OTHER_SCHEMES})`;

/**
 * Credentials in an `Authorization` header under any scheme but the ones other detectors
 * read (`Bearer`, `Basic`) or that carry no secret of their own: `Token <key>` (Django
 * REST framework and many APIs), `Api-Token <key>`, and a bare key with no scheme at all.
 * The value must pass the generic detector's shape checks (no expressions, words or
 * placeholders), since code names headers as often as it sends them. The value may stand
 * on a folded header's next line, after the `:` or after the scheme.
 */
export const authorizationHeader: Detector = anchoredDetector({
  id: 'authorization-header',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['Authorization', 'authorization', 'AUTHORIZATION'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern: new RegExp(`${HEAD}([A-Za-z0-9._~+/-]{8,4096}=*)(?![A-Za-z0-9._~+/=(-])`, 'i'),
  groups: [1],
  // Past 4,096 characters (the pattern's bound) the whole token run is taken.
  overflow: longValueAfter(new RegExp(HEAD, 'iy'), /[A-Za-z0-9._~+/=-]*/y, 4096),
  validate: (value) => isSecretValue(value, true, false),
});
