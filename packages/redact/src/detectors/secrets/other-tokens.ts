import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
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
