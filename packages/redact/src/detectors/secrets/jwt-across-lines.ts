import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { hasJwtHeader } from './jwt.js';

/** A line break after a segment's `.`, with the blanks a YAML block or a log indents by. */
const BREAK = String.raw`(?:[ \t]{0,16}\r?\n[ \t]{0,64})`;

/**
 * A JWT written over lines, broken after the `.` that ends its header or its payload (a
 * YAML block scalar, a log or terminal wrapping the token: `eyJ…header.`, then the payload
 * and signature on the next lines), which `jwtToken` reads only as far as the first line.
 * Each line holds whole segments, so a break is taken only right after a `.`: a break
 * inside a segment (wrapped at a fixed width) cannot be told from the next line's text,
 * and is not read. A signature alone on its line must be 16 characters or more (HS256
 * gives 43), so an unsigned token (`alg: none`, nothing after its last `.`) does not take
 * the next line's word. Bounded segments, one anchor per token start: linear.
 */
export const jwtAcrossLines: Detector = anchoredDetector({
  id: 'jwt',
  type: 'secret',
  kind: 'jwt',
  priority: 100,
  anchors: ['eyJ'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern: new RegExp(
    String.raw`eyJ[A-Za-z0-9_-]{8,4096}\.${BREAK}?eyJ[A-Za-z0-9_-]{2,8192}\.(?:${BREAK}[A-Za-z0-9_-]{16,4096}|[A-Za-z0-9_-]{0,4096})(?![A-Za-z0-9_-])`,
  ),
  // A token on one line is `jwtToken`'s.
  validate: (value) => value.includes('\n') && hasJwtHeader(value),
});
