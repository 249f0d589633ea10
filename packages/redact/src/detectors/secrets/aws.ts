import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder, looksRandom } from './placeholder.js';

/**
 * AWS access key ids (`AKIA…` long-term, `ASIA…` temporary, `ABIA`/`ACCA`): prefix plus
 * 16 upper-case base-32 characters. The documented `AKIAIOSFODNN7EXAMPLE` is a placeholder.
 */
export const awsAccessKeyId: Detector = anchoredDetector({
  id: 'aws-access-key-id',
  type: 'secret',
  kind: 'aws',
  priority: 100,
  anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  notAfter: /[A-Za-z0-9]/,
  pattern: /(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/,
  validate: (value) => !isPlaceholder(value.slice(4)),
});

/** Key names that hold an AWS secret access key: `aws_secret_access_key`, `SecretAccessKey`, `AWS_SECRET`. */
const AWS_SECRET_NAME =
  /(?:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key|aws[_.-]?secret)$/i;

/**
 * AWS secret access keys: 40 base-64 characters carry no prefix, so they are only taken
 * after a name that says what they are. The generic assignment scan (which already finds
 * every `name = value`) asks this for each credential-named key; all-hex values are git
 * SHAs, not keys.
 */
export function isAwsSecretAccessKey(keyName: string, value: string): boolean {
  return (
    value.length === 40 &&
    AWS_SECRET_NAME.test(keyName) &&
    /^[A-Za-z0-9/+]{40}$/.test(value) &&
    !/^[0-9a-f]{40}$/i.test(value) &&
    looksRandom(value, 40)
  );
}
