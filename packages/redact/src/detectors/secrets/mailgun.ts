import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isPlaceholder } from './placeholder.js';
import { isTokenChar } from './token-char.js';

/** `key-` and 32 hex digits, ending a word. */
const KEY = /key-[0-9a-fA-F]{32}(?![A-Za-z0-9_-])/y;
const KEY_LENGTH = 36;
/** How far before a key its provider must be named: a few lines of code or config. */
const CONTEXT_WINDOW = 200;
const CONTEXT = /mailgun/i;

/**
 * Mailgun's private API keys of the `key-` form: `key-` and 32 hex digits, taken only
 * when `mailgun` (any case) is named in the 200 characters before. The shape alone is not
 * distinctive: `key-` and an MD5 or a dashless UUID is how programs name cache entries,
 * idempotency keys and objects (`key-${md5(url)}`), so without the name it would mask
 * ordinary ids. gitleaks' mailgun-private-api-token asks for the name too. Under a
 * credential name (`MAILGUN_API_KEY=key-…`, `api_key: key-…`) the generic assignment
 * detector takes the key anyway, and `curl --user 'api:key-…'` the `curl -u` one; this
 * adds the forms Mailgun's own examples use, where the name is the URL or the client
 * (`auth=("api", "key-…")` after `api.mailgun.net`, `mailgun.client({ key: 'key-…' })`).
 * Keys of the newer form (32 hex, `-`, two groups of 8) carry no prefix and are left to
 * the assignment detector.
 */
export const mailgunKey: Detector = {
  id: 'mailgun-api-key',
  type: 'secret',
  kind: 'generic',
  priority: 100,
  // For the short-text gate. The provider's name is looked for only behind a key: as a
  // prefilter (`includes('mailgun')`, in four cases) it cost ~2 ms per MB, `key-` ~0.07.
  anchors: ['key-'],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf('key-');
    while (at >= 0) {
      let next = at + 4;
      // `key-` must start a token, not end a longer word.
      if (at === 0 || !isTokenChar(text.charCodeAt(at - 1))) {
        KEY.lastIndex = at;
        if (KEY.test(text)) {
          const end = at + KEY_LENGTH;
          if (
            CONTEXT.test(text.slice(Math.max(0, at - CONTEXT_WINDOW), at)) &&
            !isPlaceholder(text.slice(at + 4, end))
          ) {
            out.push({
              type: 'secret',
              kind: 'generic',
              start: at,
              end,
              detector: 'mailgun-api-key',
            });
            next = end;
          }
        }
      }
      at = text.indexOf('key-', next);
    }
  },
};
