import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isBasicCredential } from './basic-auth.js';

/**
 * A registry login stored as base64 of `user:password` under an `auth` key: Docker's
 * `config.json` and a Kubernetes `.dockerconfigjson` (`"auth": "…"`, also as YAML
 * `auth: …`), npm's `.npmrc` (`_auth=…`, `//registry/:_auth=…`). `auth` names no secret
 * to the assignment scan (an `auth: true` flag, an `auth` section), so the value is taken
 * only when it decodes to a user and a password as a `Basic` header's must
 * (`isBasicCredential`); `oauth` and `author` are other words. Bounded: linear.
 */
export const registryAuth: Detector = anchoredDetector({
  id: 'registry-auth',
  type: 'secret',
  kind: 'basic_auth',
  priority: 90,
  anchors: ['auth'],
  notAfter: /[A-Za-z0-9]/,
  pattern:
    /auth\\?["']?[ \t]{0,3}[:=][ \t]{0,3}(?:\\?["'])?([A-Za-z0-9+/]{8,4096}={0,2})(?![A-Za-z0-9+/=])/,
  groups: [1],
  validate: isBasicCredential,
});
