import type { Detector } from '../detector.js';
import { anchoredDetector } from './anchored-detector.js';
import {
  endsUserinfo,
  isDsnScheme,
  longUserinfo,
  USERINFO_PATTERN,
} from './secrets/connection-string.js';
import { isPlaceholder } from './secrets/placeholder.js';

/**
 * `user:password` inside a web (http, https, ftp, ...) URL. Database and broker URIs are
 * left to the `connection_string` secret detector. The whole userinfo is reported: the
 * user name is often an e-mail address or account id.
 */
export const urlCredentials: Detector = anchoredDetector({
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
});
