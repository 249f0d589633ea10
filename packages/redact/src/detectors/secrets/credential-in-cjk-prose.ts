import { CJK_KEY_NAMES, CJK_PASSWORD_NAMES } from '../../cjk-credential-names.js';
import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { isProsePassword, judgedProseValue } from './prose-value.js';

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
 * The value: a run of printable ASCII. A credential typed in such a sentence is ASCII (it
 * is typed with the input method off), and the sentence goes on in its own script at once,
 * with no blank: `密码是Xy7…，请…`, `パスワードはXy7…です`, `비밀번호는 Xy7…입니다`.
 */
const VALUE = /[!-~]{1,256}/y;

/**
 * A detector of a credential given in a sentence in Chinese, Japanese or Korean, named by
 * one of `names`: the prose form of decision 0047 for those languages (decision 0049). The
 * value is judged as there: letters with digits or symbols, eight digits or more, random
 * letters, or six digits or more that are no placeholder; a word of letters alone is
 * missed. The span is the ASCII run, its closing punctuation included. Found from each name
 * by `indexOf`: a one-byte (Latin-1) text cannot hold one, so its search costs nothing
 * there.
 */
function cjkProseDetector(id: string, names: readonly string[]): Detector {
  return {
    id,
    type: 'secret',
    kind: 'generic',
    priority: 50,
    needles: names,
    scan(text: string, out: Finding[]): void {
      for (const name of names) {
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
          LEAD.lastIndex = at + name.length;
          if (LEAD.test(text)) reportValue(text, LEAD.lastIndex, out, id);
        }
      }
    },
  };
}

/** A password given in a sentence: `我的密码是…`, `パスワードは…です`, `비밀번호는 …입니다`. */
export const passwordInCjkProse = cjkProseDetector('password-in-cjk-prose', CJK_PASSWORD_NAMES);

/** A secret key or token given in a sentence: `我的API密钥是…`, `トークンは…です`, `토큰은 …입니다`. */
export const keyInCjkProse = cjkProseDetector('key-in-cjk-prose', CJK_KEY_NAMES);

function reportValue(text: string, from: number, out: Finding[], detector: string): void {
  VALUE.lastIndex = from;
  if (!VALUE.test(text)) return;
  const end = VALUE.lastIndex;
  if (isProsePassword(judgedProseValue(text.slice(from, end)), true)) {
    out.push({ type: 'secret', kind: 'generic', start: from, end, detector });
  }
}
