import { githubChecksumValid } from '../../checksums/github-crc32.js';
import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * GitHub tokens: classic and OAuth/user/server/refresh tokens (`ghp_`, `gho_`, `ghu_`,
 * `ghs_`, `ghr_` + 36 base-62), fine-grained personal access tokens (`github_pat_`), and
 * stateless App installation tokens (`ghs_<app id>_<JWT>`, whose JWT a detector of JWTs
 * misses: no word boundary after the `_`). The JWT form must start with `eyJ` (a JSON
 * header) so that a `ghs_123_a.b.c` in prose or code stays out.
 *
 * A placeholder (`ghp_xxxx…`, `ghp_EXAMPLE…`) is not reported, unless the token's own
 * checksum holds: about 1 issued token in 11,000 has a random part that happens to spell
 * a placeholder mark (`FAKE`, `XxXx`, `Your`), and those must not slip through.
 */
export const githubToken: Detector = anchoredDetector({
  id: 'github-token',
  type: 'secret',
  kind: 'github',
  priority: 100,
  anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  // `-` too: the JWT form runs over `-`, so an anchor right after one would rescan its run.
  notAfter: /[A-Za-z0-9_-]/,
  pattern:
    /(?:gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])|github_pat_[A-Za-z0-9_]{50,250}(?![A-Za-z0-9_])|ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,1024}(?![A-Za-z0-9_-]))/,
  validate: (value) => {
    const body = value.slice(value.startsWith('github_pat_') ? 11 : 4);
    return githubChecksumValid(body) || !isPlaceholder(body);
  },
});
