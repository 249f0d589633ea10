import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isIssuedRandomBody } from './issued-random-body.js';
import { isPlaceholder } from './placeholder.js';

/** A prefixed token format of a provider outside the named kinds; reported as kind `generic`. */
interface TokenFormat {
  id: string;
  anchors: readonly string[];
  pattern: RegExp;
  /** Characters of the prefix, skipped before the placeholder check. */
  prefix: number;
}

const NOT_AFTER = /[A-Za-z0-9_-]/;

/**
 * Tokens of other common providers, recognised by their documented prefixes. The issue's
 * kind list has no name for them, so they are `secret/generic` with a specific detector
 * name: an unnamed provider's key is still a key.
 */
const FORMATS: readonly TokenFormat[] = [
  // LLM providers beside OpenAI, Anthropic and Google: a host of this SDK is likely to
  // hold their keys. Lengths as their keys are issued (and as trufflehog checks them).
  {
    id: 'groq-api-key',
    anchors: ['gsk_'],
    pattern: /gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9])/,
    prefix: 4,
  },
  {
    id: 'xai-api-key',
    anchors: ['xai-'],
    pattern: /xai-[A-Za-z0-9_]{80}(?![A-Za-z0-9_])/,
    prefix: 4,
  },
  {
    id: 'replicate-api-token',
    anchors: ['r8_'],
    pattern: /r8_[A-Za-z0-9_-]{37}(?![A-Za-z0-9_-])/,
    prefix: 3,
  },
  {
    id: 'perplexity-api-key',
    anchors: ['pplx-'],
    pattern: /pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9])/,
    prefix: 5,
  },
  {
    // Upload tokens are macaroons: `pypi-` and base64 of a header naming pypi.org.
    id: 'pypi-token',
    anchors: ['pypi-AgEIcHlwaS5vcmc'],
    pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1024}(?![A-Za-z0-9_-])/,
    prefix: 20,
  },
  {
    id: 'linear-api-key',
    anchors: ['lin_api_'],
    pattern: /lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9])/,
    prefix: 8,
  },
  {
    id: 'notion-token',
    anchors: ['ntn_'],
    pattern: /ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9])/,
    prefix: 4,
  },
  // Developer and ops tools whose tokens pass through CI logs and shell sessions.
  {
    // Atlassian's API tokens since 2023 (Jira, Confluence, Bitbucket): `ATATT3`, then 186
    // base64url characters, the last nine `=` and a CRC-32 in hex (gitleaks'
    // atlassian-api-token). The old 24-character ones have no prefix to find.
    id: 'atlassian-api-token',
    anchors: ['ATATT3'],
    pattern: /ATATT3[A-Za-z0-9_=-]{186}(?![A-Za-z0-9_=-])/,
    prefix: 6,
  },
  {
    // Square access tokens: `EAAA` and 60 base64url characters (gitleaks'
    // square-access-token, which accepts 22-60). They are random bytes, so they hold a
    // lower-case letter (the lookahead): an upper-case SHA-256 that happens to begin `EAAA`
    // (PowerShell's Get-FileHash prints them so) is no token.
    id: 'square-access-token',
    anchors: ['EAAA'],
    pattern: /EAAA(?=[A-Z0-9_-]{0,59}[a-z])[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])/,
    prefix: 4,
  },
  {
    // Square's legacy personal access tokens: `sq0atp-` and 22 base64url characters.
    id: 'square-legacy-access-token',
    anchors: ['sq0atp-'],
    pattern: /sq0atp-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/,
    prefix: 7,
  },
  {
    // Square's OAuth application secrets (gitleaks' square-secret).
    id: 'square-application-secret',
    anchors: ['sq0csp-'],
    pattern: /sq0csp-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    prefix: 7,
  },
  {
    // age's X25519 identity, as age-keygen prints it: Bech32 of 32 bytes, upper case
    // (gitleaks' age-secret-key). `1` is Bech32's separator; B, I, O and 1 are not in its
    // alphabet. Found from its first five characters: `indexOf` of the whole 16 took
    // ~0.22 ms per MB, of `AGE-S` ~0.02.
    id: 'age-secret-key',
    anchors: ['AGE-S'],
    pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9_-])/,
    prefix: 16,
  },
  {
    id: 'gitlab-token',
    anchors: ['glpat-', 'glptt-', 'gldt-', 'glrt-'],
    pattern: /gl(?:pat|ptt|dt|rt)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/,
    prefix: 6,
  },
  { id: 'npm-token', anchors: ['npm_'], pattern: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/, prefix: 4 },
  {
    id: 'sendgrid-key',
    anchors: ['SG.'],
    pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    prefix: 3,
  },
  { id: 'twilio-api-key', anchors: ['SK'], pattern: /SK[0-9a-f]{32}(?![A-Za-z0-9])/, prefix: 2 },
  {
    id: 'huggingface-token',
    anchors: ['hf_'],
    pattern: /hf_[A-Za-z]{34}(?![A-Za-z0-9])/,
    prefix: 3,
  },
  {
    id: 'shopify-token',
    anchors: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: /shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/,
    prefix: 6,
  },
  {
    id: 'databricks-token',
    anchors: ['dapi'],
    pattern: /dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9])/,
    prefix: 4,
  },
  {
    id: 'grafana-cloud-token',
    anchors: ['glc_'],
    pattern: /glc_[A-Za-z0-9+/]{32,1024}={0,2}(?![A-Za-z0-9+/=])/,
    prefix: 4,
  },
  {
    id: 'grafana-service-account-token',
    anchors: ['glsa_'],
    pattern: /glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9])/,
    prefix: 5,
  },
  {
    // Service account tokens: `ops_` and a base64 JSON document (`eyJ` = `{"`).
    id: '1password-service-account-token',
    anchors: ['ops_eyJ'],
    pattern: /ops_eyJ[A-Za-z0-9+/_-]{100,8192}={0,3}(?![A-Za-z0-9+/=_-])/,
    prefix: 4,
  },
  {
    id: 'digitalocean-token',
    anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: /do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])/,
    prefix: 7,
  },
  // Infrastructure and observability tools; formats and lengths as gitleaks checks them.
  {
    // HashiCorp Vault's service tokens since Vault 1.10. Not its batch tokens (`hvb.`):
    // short-lived, and one more search for `.` costs ~0.4 ms per MB.
    id: 'vault-token',
    anchors: ['hvs.'],
    pattern: /hvs\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])/,
    prefix: 4,
  },
  {
    // New Relic user API keys and insert (ingest) keys; `NRJS-` browser keys are public.
    id: 'new-relic-key',
    anchors: ['NRAK-', 'NRII-'],
    pattern: /NR(?:AK-[A-Za-z0-9]{27}|II-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/,
    prefix: 5,
  },
  {
    id: 'postman-api-key',
    anchors: ['PMAK-'],
    pattern: /PMAK-[A-Fa-f0-9]{24}-[A-Fa-f0-9]{34}(?![A-Za-z0-9])/,
    prefix: 5,
  },
  {
    // Sentry user auth tokens, and organization tokens (`sntrys_`, base64 JSON, `_`, secret).
    id: 'sentry-token',
    anchors: ['sntryu_', 'sntrys_'],
    pattern:
      /sntry(?:u_[a-f0-9]{64}|s_eyJ[A-Za-z0-9+/]{20,400}={0,2}_[A-Za-z0-9+/]{43})(?![A-Za-z0-9+/_-])/,
    prefix: 7,
  },
  {
    // Google OAuth refresh tokens, which mint access tokens until revoked.
    id: 'google-refresh-token',
    anchors: ['1//0'],
    pattern: /1\/\/0[A-Za-z0-9_-]{40,512}(?![A-Za-z0-9_-])/,
    prefix: 4,
  },
  {
    id: 'prefect-api-key',
    anchors: ['pnu_'],
    pattern: /pnu_[A-Za-z0-9]{36}(?![A-Za-z0-9])/,
    prefix: 4,
  },
  {
    // Heroku's API keys since 2024 (`HRKU-AA`); the older ones are bare UUIDs.
    id: 'heroku-api-key',
    // Found from `HRKU-`: `indexOf` of the seven characters took ~0.6 ms per MB, of five
    // ~0.1 (a needle of seven or more is searched another way).
    anchors: ['HRKU-'],
    pattern: /HRKU-AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])/,
    prefix: 7,
  },
  {
    // OpenShift user (OAuth) tokens, as `oc whoami -t` prints them.
    id: 'openshift-token',
    anchors: ['sha256~'],
    pattern: /sha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    prefix: 7,
  },
];

/** Detectors for the formats above. */
export const OTHER_TOKEN_DETECTORS: readonly Detector[] = FORMATS.map((f) =>
  anchoredDetector({
    id: f.id,
    type: 'secret',
    kind: 'generic',
    priority: 100,
    anchors: f.anchors,
    notAfter: NOT_AFTER,
    pattern: f.pattern,
    validate: (value) => !isPlaceholder(value.slice(f.prefix)),
  }),
);

/**
 * A Groq key glued to text before it (`groqgsk_…`, `x_gsk_…`), which the Groq detector
 * above leaves: `gsk_` after a name is a name's tail far more often. Taken only in the
 * shape Groq issues, `gsk_` and exactly 52 base-62 characters holding a digit and both
 * letter cases, the whole token ending there. Run only where a letter, digit, `_` or `-` is
 * right before the anchor; the fixed count stops the pattern after 56 characters.
 */
export const groqGluedKey: Detector = anchoredDetector({
  id: 'groq-api-key',
  type: 'secret',
  kind: 'generic',
  priority: 100,
  anchors: ['gsk_'],
  notAfter: /[^A-Za-z0-9_-]/,
  pattern: /gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9])/,
  validate: (value, _text, start) => start > 0 && isIssuedRandomBody(value.slice(4)),
});
