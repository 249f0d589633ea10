import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';

/** A JWT header is base64url JSON with an `alg` (or `typ`); decoding it rejects look-alikes. */
function hasJwtHeader(value: string): boolean {
  const header = value.slice(0, value.indexOf('.'));
  let decoded: string;
  try {
    decoded = Buffer.from(header, 'base64url').toString('utf8');
  } catch {
    return false;
  }
  return decoded.startsWith('{') && /"(?:alg|typ)"\s*:/.test(decoded);
}

/**
 * JSON Web Tokens (and JWS compact serialisations): `eyJ…`.`eyJ…`.signature, signature
 * possibly empty (`alg: none`). Taken whole: the payload is often personal data itself.
 */
export const jwtToken: Detector = anchoredDetector({
  id: 'jwt',
  type: 'secret',
  kind: 'jwt',
  priority: 100,
  anchors: ['eyJ'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern:
    /eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,4096}(?![A-Za-z0-9_-])/,
  validate: hasJwtHeader,
});
