import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';
import { isCredentialWord, isSecretValue } from './secret-value-shape.js';

/** Letters of any script, four or more: a typed password with nothing else in it. */
const LETTERS_ONLY = /^\p{L}{4,256}$/u;

/**
 * A password of letters only (`hunter`, `raspberry`), which `isSecretValue` leaves since
 * words sit under credential names in code and prose far more often than passwords: in a
 * password field's `value` a word is what was typed. A credential word (`password`,
 * `secret`) or placeholder (`changeme`, `example`, one repeated letter) is still a sample.
 */
function isLettersOnlyPassword(value: string): boolean {
  return LETTERS_ONLY.test(value) && !isCredentialWord(value) && !isPlaceholder(value);
}

/**
 * The `value` of an HTML password field (`<input type="password" value="…">`), a form
 * saved or logged with what was typed in it. `value` names no credential elsewhere, so
 * the field must say `type="password"` (quoted or not, any case, before or after
 * `value`); the value is judged as an assignment's is (`isSecretValue`: a template such
 * as `{{ pw }}` or `<?= $pw ?>`, `********` stay), except that letters alone are taken
 * too: there a word is the password typed. Attributes are read within 512
 * characters of `<input`, never past its `>`: bounded work per tag, linear.
 */
export const htmlPasswordInput = anchoredDetector({
  id: 'html-password-input',
  type: 'secret',
  kind: 'generic',
  priority: 85,
  anchors: ['<input'],
  anchorsIgnoreCase: true,
  pattern:
    /<input(?=[^>]{0,512}?(?<=[\s"'])type[ \t]*=[ \t]*["']?password(?![\w-]))[^>]{0,512}?(?<=[\s"'])value[ \t]*=[ \t]*(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|([^\s"'<>`=]{1,256}))/i,
  groups: [1, 2, 3],
  validate: (value) => isSecretValue(value, false, false) || isLettersOnlyPassword(value),
});
