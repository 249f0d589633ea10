import { SECRET_DETECTORS } from './detectors/secrets/secret-detectors.js';
import { urlCredentialsSecret } from './detectors/url-credentials.js';
import type { SecretFinding } from './finding.js';
import { compileDetectors, runDetectors } from './scan.js';

// The `@pm/redact/detect-secrets` subpath is this module: its callers get the type too.
export type { SecretFinding } from './finding.js';

// A web URL's password too: it is a credential, though the redactor files it under its own
// `url_credentials` type rather than among the secret detectors.
const COMPILED = compileDetectors([...SECRET_DETECTORS, urlCredentialsSecret]);

/**
 * Finds secrets (API keys, tokens, private keys, credentials in headers, URIs, web URLs'
 * userinfo (`basic_auth`) and assignments) in `text`, with the built-in secret detectors only and no allow-list.
 * Returns UTF-16 spans sorted by start, non-overlapping; never the values. Meant for
 * other packages (the ledger scans every record with it) that need no profile.
 *
 * @example
 * detectSecrets('token=ghp_…') // [{ type: 'secret', kind: 'github', start: 6, end: 46, detector: 'github-token' }]
 */
export function detectSecrets(text: string): SecretFinding[] {
  return runDetectors(COMPILED, text) as SecretFinding[];
}
