import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';
import { isTokenChar } from './token-char.js';

/**
 * OpenAI API keys: legacy `sk-` + 48 characters, and the scoped forms `sk-proj-`,
 * `sk-svcacct-`, `sk-admin-`. `sk-ant-` belongs to Anthropic and is left to its detector.
 * One glued to a name before it is `openaiGluedKey`'s.
 */
export const openaiKey: Detector = anchoredDetector({
  id: 'openai-key',
  type: 'secret',
  kind: 'openai',
  priority: 100,
  anchors: ['sk-'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern: /sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/,
  validate: (value) => !isPlaceholder(value.slice(value.indexOf('-', 3) + 1)),
});

/** Base64 of `OpenAI`: issued keys carry it right in the middle of their random part. */
const MARKER = 'T3BlbkFJ';
/** Longest half of a key read on each side of the marker (project keys: 74). */
const MAX_HALF = 250;
/** Longest project or name segment read between `sk-` and the random part (`sk-svcacct-`). */
const MAX_SEGMENT = 32;

/**
 * Where the key whose random part starts at `body` starts: right after `sk-`, or after
 * `sk-<segment>-` (`sk-proj-`, `sk-svcacct-`, `sk-admin-`, a project name); -1 when
 * neither is there.
 */
function keyStart(text: string, body: number): number {
  if (text.startsWith('sk-', body - 3)) return body - 3;
  if (text.charCodeAt(body - 1) !== 45 /* - */) return -1;
  const limit = Math.max(0, body - 2 - MAX_SEGMENT);
  for (let i = body - 2; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (c === 45) return i >= 2 && text.startsWith('sk-', i - 2) && i < body - 2 ? i - 2 : -1;
    if (!isTokenChar(c)) return -1;
  }
  return -1;
}

/**
 * An OpenAI key glued to a name before it (`x_sk-proj-…`, `key-sk-…`, `MY_KEY_sk-…`), which
 * `openaiKey` leaves: it must start a token, or an identifier that runs into `sk-` would be
 * read as a key. Taken only with the marker (`T3BlbkFJ`) exactly in the middle of the
 * random part, as OpenAI issues keys (20 characters on each side in legacy keys, 74 or 58
 * in project and service-account keys): an identifier holding those eight characters,
 * there, with the same count on each side, does not occur by chance. Placeholders
 * (`sk-xxxx…T3BlbkFJxxxx…`) stay out as they do for `openaiKey`: docs copy the marker.
 *
 * Found from each marker (a rare literal, unlike `sk-`): the token run around it is walked
 * once and shared by every marker inside it, so a text costs one pass however many it holds.
 */
export const openaiGluedKey: Detector = {
  id: 'openai-key',
  type: 'secret',
  kind: 'openai',
  priority: 100,
  needles: [MARKER],
  scan(text: string, out: Finding[]): void {
    let runStart = -1;
    let runEnd = -1;
    let at = text.indexOf(MARKER);
    while (at >= 0) {
      if (at >= runEnd) {
        runStart = at;
        while (runStart > 0 && isTokenChar(text.charCodeAt(runStart - 1))) runStart--;
        runEnd = at;
        while (isTokenChar(text.charCodeAt(runEnd))) runEnd++;
      }
      const half = runEnd - (at + MARKER.length);
      const body = at - half;
      if (half >= 20 && half <= MAX_HALF && body >= runStart + 3) {
        const start = keyStart(text, body);
        if (start >= runStart && !isPlaceholder(text.slice(body, runEnd))) {
          out.push({ type: 'secret', kind: 'openai', start, end: runEnd, detector: 'openai-key' });
        }
      }
      at = text.indexOf(MARKER, at + MARKER.length);
    }
  },
};
