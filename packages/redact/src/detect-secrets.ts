import { SECRET_DETECTORS } from './detectors/secrets/secret-detectors.js';
import type { SecretFinding } from './finding.js';
import { compileDetectors, runDetectors } from './scan.js';

const COMPILED = compileDetectors(SECRET_DETECTORS);

/**
 * Finds secrets (API keys, tokens, private keys, credentials in headers, URIs and
 * assignments) in `text`, with the built-in secret detectors only and no allow-list.
 * Returns UTF-16 spans sorted by start, non-overlapping; never the values. Meant for
 * other packages (the ledger scans every record with it) that need no profile.
 *
 * @example
 * detectSecrets('token=ghp_…') // [{ type: 'secret', kind: 'github', start: 6, end: 46, detector: 'github-token' }]
 */
export function detectSecrets(text: string): SecretFinding[] {
  return runDetectors(COMPILED, text) as SecretFinding[];
}
