import { CJK_PASSWORD_NAMES } from '../../cjk-credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isProsePassword, judgedProseValue } from './password-in-prose.js';

/**
 * What follows the name before its value in a sentence: Chinese `是` (is), `为`/`為` and
 * `改为`/`改成`/`设为`/`设置为` (set or changed to), both scripts, after `已`/`已经` (already)
 * or `现在` (now) if any; Japanese `は`/`が`; Korean `는`/`은`/`가`/`이`. Then an optional
 * colon, up to four blanks (the ideographic space too) and an optional opening quote.
 * Bounded: linear.
 */
const LEAD =
  /(?:(?:已经|已經|已|现在|現在)?(?:是|为|為|改为|改為|改成|设为|設為|设置为|設置為)|は|が|는|은|가|이)[：:]?[ \t\u3000]{0,4}[「『“‘]?/y;

/**
 * The value: a run of printable ASCII. A password typed in such a sentence is ASCII (it is
 * typed with the input method off), and the sentence goes on in its own script at once,
 * with no blank: `密码是Xy7…，请…`, `パスワードはXy7…です`, `비밀번호는 Xy7…입니다`.
 */
const VALUE = /[!-~]{1,256}/y;

/**
 * A password given in a sentence in Chinese, Japanese or Korean (`我的密码是…`,
 * `パスワードは…です`, `비밀번호는 …입니다`): the prose form of decision 0047 for those
 * languages (decision 0049). The value is judged as there: letters with digits or symbols,
 * eight digits or more, random letters, or six digits or more that are no placeholder; a
 * word of letters alone is missed. The span is the ASCII run, its closing punctuation
 * included. Found from each name by `indexOf`: a one-byte (Latin-1) text cannot hold one,
 * so its search costs nothing there.
 */
export const passwordInCjkProse: Detector = {
  id: 'password-in-cjk-prose',
  type: 'secret',
  kind: 'generic',
  priority: 50,
  needles: CJK_PASSWORD_NAMES,
  scan(text: string, out: Finding[]): void {
    for (const name of CJK_PASSWORD_NAMES) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        LEAD.lastIndex = at + name.length;
        if (LEAD.test(text)) readValue(text, LEAD.lastIndex, out);
      }
    }
  },
};

function readValue(text: string, from: number, out: Finding[]): void {
  VALUE.lastIndex = from;
  if (!VALUE.test(text)) return;
  const end = VALUE.lastIndex;
  if (isProsePassword(judgedProseValue(text.slice(from, end)), true)) {
    out.push({
      type: 'secret',
      kind: 'generic',
      start: from,
      end,
      detector: 'password-in-cjk-prose',
    });
  }
}
