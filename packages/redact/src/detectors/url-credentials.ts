import type { Detector } from '../detector.js';
import { type AnchoredDetectorSpec, anchoredDetector } from './anchored-detector.js';
import {
  endsUserinfo,
  isDsnScheme,
  longUserinfo,
  USERINFO_PATTERN,
} from './secrets/connection-string.js';
import { isPlaceholder } from './secrets/placeholder.js';

const USERINFO_IN_WEB_URL: AnchoredDetectorSpec = {
  id: 'url-credentials',
  type: 'url_credentials',
  priority: 95,
  anchors: ['://'],
  pattern: USERINFO_PATTERN,
  groups: [1],
  overflow: (text, at) => {
    const u = longUserinfo(text, at);
    return u === undefined ? undefined : [u.start, u.end];
  },
  validate: (value, text, start, end) => {
    const colon = text.lastIndexOf('://', start);
    return (
      !isDsnScheme(text, colon) &&
      endsUserinfo(text, end) &&
      !isPlaceholder(value.slice(value.indexOf(':') + 1))
    );
  },
};

/**
 * `user:password` inside a web (http, https, ftp, ...) URL. Database and broker URIs are
 * left to the `connection_string` secret detector. The whole userinfo is reported: the
 * user name is often an e-mail address or account id.
 */
export const urlCredentials: Detector = anchoredDetector(USERINFO_IN_WEB_URL);

/**
 * The same userinfo reported as a `basic_auth` secret (a web URL's password is sent as HTTP
 * Basic credentials), for `detectSecrets`: the scan that keeps secrets out of the ledger
 * runs secret detectors only and must not let `https://user:password@host` through. The
 * redactor keeps `url_credentials`, the type its profiles choose an operator by.
 */
export const urlCredentialsSecret: Detector = anchoredDetector({
  ...USERINFO_IN_WEB_URL,
  type: 'secret',
  kind: 'basic_auth',
  // Below `connection_string` (95): where both read one userinfo (a scheme glued to an
  // escape, `\npostgres://`, is no DSN scheme as written), the DSN's kind is the one to name.
  priority: 90,
});
