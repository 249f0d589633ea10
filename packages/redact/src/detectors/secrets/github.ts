import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * GitHub tokens: classic and OAuth/user/server/refresh tokens (`ghp_`, `gho_`, `ghu_`,
 * `ghs_`, `ghr_` + 36 base-62) and fine-grained personal access tokens (`github_pat_`).
 */
export const githubToken: Detector = anchoredDetector({
  id: 'github-token',
  type: 'secret',
  kind: 'github',
  priority: 100,
  anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  notAfter: /[A-Za-z0-9_]/,
  pattern: /(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{50,250})(?![A-Za-z0-9_])/,
  validate: (value) => !isPlaceholder(value.slice(value.startsWith('github_pat_') ? 11 : 4)),
});
