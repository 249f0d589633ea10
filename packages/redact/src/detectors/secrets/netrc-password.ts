import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isSecretValue } from './secret-value-shape.js';

/** Longest stretch read back from `password` to its entry's `machine`: a host and a login. */
const LOOK_BACK = 256;

/**
 * A `.netrc` entry up to its `password`: `machine <host>` (or `default`), then `login`,
 * `account` or `port` with their values, each token apart by blanks or line breaks
 * (`machine api.example.com login bob password …`, one token a line too). Sticky, bounded.
 */
const ENTRY_HEAD =
  /(?:machine[ \t\r\n]+\S{1,128}|default)(?:[ \t\r\n]+(?:login|account|port)[ \t\r\n]+\S{1,128}){0,3}[ \t\r\n]+$/y;

/** The token after `password`, to a blank or a line break. */
const VALUE = /[ \t]+(\S{1,256})/y;

/**
 * The password of a `.netrc` entry (`machine api.example.com login bob password …`), the
 * file curl, git, ftp and Heroku read logins from: `password` and its token, only as the
 * next token of an entry that names its machine. After `password` nothing but the
 * password goes, so the value is judged as sshpass's is (a word is taken; a variable or
 * placeholder is not). Found from each `password` that starts a token; the entry's head
 * is read from the last `machine` or `default` within 256 characters before it, found
 * with `lastIndexOf` on that window: bounded per candidate, linear.
 */
export const netrcPassword: Detector = {
  id: 'netrc-password',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  needles: ['machine', 'default'],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf('password');
    while (at >= 0) {
      const before = text.charCodeAt(at - 1);
      if (at > 0 && (before === 32 || before === 9 || before === 10 || before === 13)) {
        VALUE.lastIndex = at + 8;
        const value = VALUE.exec(text);
        if (value !== null && isEntry(text, at)) {
          const start = VALUE.lastIndex - value[1]!.length;
          if (isSecretValue(value[1]!, true, true)) {
            out.push({
              type: 'secret',
              kind: 'generic',
              start,
              end: VALUE.lastIndex,
              detector: 'netrc-password',
            });
          }
        }
      }
      at = text.indexOf('password', at + 8);
    }
  },
};

/** Whether the `password` at `at` follows the head of a netrc entry. */
function isEntry(text: string, at: number): boolean {
  const from = Math.max(0, at - LOOK_BACK);
  const window = text.slice(from, at);
  const head = Math.max(window.lastIndexOf('machine'), window.lastIndexOf('default'));
  if (head < 0) return false;
  const c = window.charCodeAt(head - 1);
  if (head > 0 && c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  ENTRY_HEAD.lastIndex = head;
  return ENTRY_HEAD.test(window);
}
