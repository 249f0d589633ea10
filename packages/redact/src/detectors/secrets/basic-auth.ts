import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/** Decoded credentials must be printable `user:password`. */
function isBasicCredential(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  if (colon < 0 || colon === decoded.length - 1) return false;
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  return !isPlaceholder(decoded.slice(colon + 1));
}

/** `Authorization: Basic <base64 user:password>`; the base64 is checked to decode to `user:pass`. */
export const basicAuthHeader: Detector = anchoredDetector({
  id: 'basic-auth-header',
  type: 'secret',
  kind: 'basic_auth',
  priority: 90,
  anchors: ['Basic', 'basic', 'BASIC'],
  notAfter: /[A-Za-z0-9]/,
  pattern: /(?:Basic|basic|BASIC)[ \t]{1,4}([A-Za-z0-9+/]{6,4096}={0,2})(?![A-Za-z0-9+/=])/,
  groups: [1],
  validate: isBasicCredential,
});

/** `curl -u user:password` / `--user user:password`: the credentials after the flag. */
export const curlUserCredentials: Detector = anchoredDetector({
  id: 'curl-user',
  type: 'secret',
  kind: 'basic_auth',
  priority: 90,
  anchors: ['-u', '--user'],
  notAfter: /\S/,
  // Quotes and Markdown backticks around the credentials are not part of them.
  pattern: /(?:-u|--user)(?:[ \t]{1,4}|=)["'`]?([^\s:"'`]{1,128}:[^\s"'`]{1,256})/,
  groups: [1],
  validate: (value) => !isPlaceholder(value.slice(value.indexOf(':') + 1)),
});
