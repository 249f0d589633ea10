import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isPlaceholder } from './placeholder.js';

/**
 * `dp.`, the token type, then 40 to 44 alphanumerics (group 1). A service token may name
 * its config between the two (`dp.st.prd.…`). Bounded repetition.
 */
const TOKEN =
  /dp\.(?:pt|sa|ct|scim|audit|st(?:\.[a-z0-9_-]{2,35})?)\.([A-Za-z0-9]{40,44})(?![A-Za-z0-9])/y;

/** Characters that may not come right before `dp.`: it must start a token. */
const NOT_AFTER = /[A-Za-z0-9_.-]/;

/**
 * Doppler tokens: personal (`dp.pt.`), CLI (`dp.ct.`), service (`dp.st.`, also
 * `dp.st.<config>.`), service account (`dp.sa.`), SCIM (`dp.scim.`) and audit
 * (`dp.audit.`), each with 40 to 44 alphanumerics
 * (docs.doppler.com/reference/auth-token-formats; gitleaks' doppler-api-token covers only
 * `dp.pt.` and 43). Found from `p.` and checked for the `d` before it: `indexOf('dp.')`
 * stops at every `d` (~0.35 ms per MB), and the six prefixes searched one by one cost
 * ~0.8-1.8 ms, against ~0.1-0.3 for `p.`.
 */
export const dopplerToken: Detector = {
  id: 'doppler-token',
  type: 'secret',
  kind: 'generic',
  priority: 100,
  // For the short-text gate; the scan below searches `p.` itself.
  anchors: ['dp.'],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf('p.', 1);
    while (at >= 0) {
      let next = at + 2;
      const start = at - 1;
      if (
        text.charCodeAt(start) === 100 /* d */ &&
        (start === 0 || !NOT_AFTER.test(text[start - 1]!))
      ) {
        TOKEN.lastIndex = start;
        const m = TOKEN.exec(text);
        if (m !== null && !isPlaceholder(m[1]!)) {
          const end = start + m[0].length;
          out.push({ type: 'secret', kind: 'generic', start, end, detector: 'doppler-token' });
          next = end;
        }
      }
      at = text.indexOf('p.', next);
    }
  },
};
