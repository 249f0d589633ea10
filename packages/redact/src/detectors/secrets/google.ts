import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * Google credentials: API keys (`AIza` + 35), OAuth client secrets (`GOCSPX-` + 28) and
 * OAuth access tokens (`ya29.`).
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
