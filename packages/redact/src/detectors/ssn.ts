import type { Detector } from '../detector.js';
import { regexDetector } from './regex-detector.js';

/**
 * US Social Security numbers written `AAA-GG-SSSS`, `AAA GG SSSS` or `AAA.GG.SSSS` (one
 * separator style; a tab or a no-break space U+00A0/U+2007/U+202F also separates). Never issued: area 000, 666 or 900–999, group 00, serial 0000; also the
 * numbers the SSA voided after they were printed as examples.
 */
export const ssn: Detector = regexDetector({
  id: 'us-ssn',
  type: 'ssn',
  priority: 80,
  pattern:
    /(?<![0-9A-Za-z.-])(?!000|666|9[0-9]{2})[0-9]{3}([- .\t\u00a0\u2007\u202f])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![0-9A-Za-z-]|\.[0-9])/,
  validate: (value) => {
    const digits = value.replace(/[^0-9]/g, '');
    return digits !== '078051120' && digits !== '219099999' && digits !== '123456789';
  },
});
