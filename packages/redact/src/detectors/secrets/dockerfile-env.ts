import { endsWithCredentialName } from '../../credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * `ENV <name> <value>` (the form without `=`), matched sticky at `ENV`: the name (group
 * 1), then the value quoted (group 2 or 3) or bare to the line's end (group 4), trailing
 * blanks off. Bounded: linear.
 */
const ENV_LINE =
  /ENV[ \t]+([A-Za-z_][\w.-]{0,127})[ \t]+(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|([^\s"'=][^\r\n]{0,255}?))[ \t]*(?=\r?\n|$)/dy;

/** Most blanks read before an instruction on its line. */
const MAX_INDENT = 16;

/** Whether only blanks (at most {@link MAX_INDENT}) stand between the line's start and `at`. */
function startsLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if ((c !== 32 && c !== 9) || at - i > MAX_INDENT) return false;
  }
  return true;
}

/**
 * A Dockerfile's `ENV DB_PASSWORD <value>`: the legacy form without `=` sets one variable
 * to the rest of the line, where the assignment scan sees no `=` or `:`. Taken when `ENV`
 * starts its line, the name is a credential name (`credential-names.ts`) and the value is
 * shaped like a secret as an assignment's is (`ENV DB_PASSWORD_FILE /run/secrets/db`
 * stays). Found from each `ENV` with `indexOf`: linear.
 */
export const dockerfileEnv: Detector = {
  id: 'dockerfile-env',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  anchors: ['ENV'],
  scan(text: string, out: Finding[]): void {
    let at = text.indexOf('ENV');
    while (at >= 0) {
      let next = at + 3;
      if (startsLine(text, at)) {
        ENV_LINE.lastIndex = at;
        const m = ENV_LINE.exec(text);
        if (m !== null && endsWithCredentialName(m[1]!)) {
          next = ENV_LINE.lastIndex;
          const group = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
          const [start, end] = m.indices![group]!;
          if (isSecretValue(text.slice(start, end), group === 4, false)) {
            out.push({ type: 'secret', kind: 'generic', start, end, detector: 'dockerfile-env' });
          }
        }
      }
      at = text.indexOf('ENV', next);
    }
  },
};
