import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { runEnd } from '../long-value.js';

/**
 * A JWT header is base64url JSON with an `alg` (or `typ`); decoding it rejects look-alikes.
 * `value` starts with the header and runs at least to the `.` after it.
 */
export function hasJwtHeader(value: string): boolean {
  const header = value.slice(0, value.indexOf('.'));
  let decoded: string;
  try {
    decoded = Buffer.from(header, 'base64url').toString('utf8');
  } catch {
    return false;
  }
  return decoded.startsWith('{') && /"(?:alg|typ)"\s*:/.test(decoded);
}

/** A base64url segment: one class, no `.`, so segments cannot run into each other. */
const SEGMENT = /[A-Za-z0-9_-]*/y;
/** The pattern's bounds on header and payload (`eyJ` included) and signature. */
const BOUNDS = [4099, 8195, 4096] as const;

/**
 * A JWT with a segment longer than the pattern allows (a payload carrying hundreds of
 * group claims): header `.` payload (both starting `eyJ`) `.` signature, each segment
 * one linear run.
 */
function longJwt(text: string, at: number): readonly [number, number] | undefined {
  const headerEnd = runEnd(SEGMENT, text, at);
  if (text.charCodeAt(headerEnd) !== 46 || !text.startsWith('eyJ', headerEnd + 1)) return undefined;
  const payloadEnd = runEnd(SEGMENT, text, headerEnd + 1);
  if (text.charCodeAt(payloadEnd) !== 46) return undefined;
  const end = runEnd(SEGMENT, text, payloadEnd + 1);
  const tooLong =
    headerEnd - at > BOUNDS[0] ||
    payloadEnd - headerEnd - 1 > BOUNDS[1] ||
    end - payloadEnd - 1 > BOUNDS[2];
  return tooLong ? [at, end] : undefined;
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
  overflow: longJwt,
  validate: hasJwtHeader,
});
