import { anchoredDetector } from '../anchored-detector.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * The `value` of an HTML password field (`<input type="password" value="…">`), a form
 * saved or logged with what was typed in it. `value` names no credential elsewhere, so
 * the field must say `type="password"` (quoted or not, any case, before or after
 * `value`); the value is judged as an assignment's is (`isSecretValue`: a template such
 * as `{{ pw }}` or `<?= $pw ?>`, a word, `********` stay). Attributes are read within 512
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
  validate: (value) => isSecretValue(value, false, false),
});
