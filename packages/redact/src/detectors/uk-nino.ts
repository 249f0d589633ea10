import type { Detector } from '../detector.js';
import { regexDetector } from './regex-detector.js';

/** Prefixes HMRC never allocates. */
const INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * UK National Insurance numbers: two letters (D, F, I, Q, U, V never; O never second),
 * six digits (optionally in pairs), a suffix A–D. In either case: HMRC prints them in
 * capitals, but people type them as they come (`ab123456c` in a form is still one).
 */
export const ukNino: Detector = regexDetector({
  id: 'uk-nino',
  type: 'uk_nino',
  priority: 80,
  pattern:
    /(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![A-Za-z0-9])/i,
  validate: (value) => !INVALID_PREFIXES.has(value.slice(0, 2).toUpperCase()),
});
