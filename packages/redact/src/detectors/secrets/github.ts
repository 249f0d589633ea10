import { githubChecksumValid } from '../../checksums/github-crc32.js';
import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * GitHub tokens: classic and OAuth/user/server/refresh tokens (`ghp_`, `gho_`, `ghu_`,
 * `ghs_`, `ghr_` + 36 base-62) and fine-grained personal access tokens (`github_pat_`).
 *
 * A placeholder (`ghp_xxxx…`, `ghp_EXAMPLE…`) is not reported, unless the token's own
 * checksum holds: about 1 issued token in 11,000 has a random part that happens to spell
 * a placeholder mark (`FAKE`, `XxXx`, `Your`), and those must not slip through.
 *
 * A token glued to a name before it by `-` or `_` (`x-ghp_…`, `MY_github_pat_…`) is
 * reported when its checksum holds: an issued token always has one, while an identifier
 * that happens to continue with `ghp_` and 36 letters almost never does.
 */
export const githubToken: Detector = anchoredDetector({
  id: 'github-token',
  type: 'secret',
  kind: 'github',
  priority: 100,
  anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  notAfter: /[A-Za-z0-9]/,
  pattern:
    /(?:gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])|github_pat_[A-Za-z0-9_]{50,250}(?![A-Za-z0-9_]))/,
  validate: (value, text, start) => {
    const body = value.slice(value.startsWith('github_pat_') ? 11 : 4);
    if (githubChecksumValid(body)) return true;
    const glued = start > 0 && (text[start - 1] === '-' || text[start - 1] === '_');
    return !glued && !isPlaceholder(body);
  },
});

/**
 * Stateless GitHub App installation tokens (`ghs_<app id>_<JWT>`), whose JWT a detector
 * of JWTs misses (no word boundary after the `_`). The JWT must start with `eyJ` (a JSON
 * header), so that a `ghs_123_a.b.c` in prose or code stays out. Never glued to what is
 * before it: the JWT runs over `-` and `_`, so an anchor right after one would rescan its
 * run (up to 9 KB at every `-ghs_` of a crafted text).
 */
export const githubAppToken: Detector = anchoredDetector({
  id: 'github-token',
  type: 'secret',
  kind: 'github',
  priority: 100,
  anchors: ['ghs_'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern:
    /ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,1024}(?![A-Za-z0-9_-])/,
  validate: (value) => !isPlaceholder(value.slice(4)),
});
