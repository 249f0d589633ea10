import { cjkCredentialNameStart } from './cjk-credential-names.js';

/**
 * Words for password, and for an API key or token, in languages written with spaces between
 * words (Chinese, Japanese and Korean names are in `cjk-credential-names.ts`), lower-case.
 * A key ending in one is a credential name, as `password` is: `Passwort: …`, `mot de passe
 * : …`, `contraseña=…`, `пароль: …`. Only words that say so: Spanish `clave` also means a
 * key, Italian `parola` a word (Turkish and Romanian use it for password), `código` a code.
 *
 * These may end a longer word: compounds (`Datenbankpasswort`, `databasewachtwoord`),
 * Hebrew and Arabic words with a prefix glued on (`הסיסמה`, `وكلمة المرور`), Thai written
 * without spaces.
 */
const NAME_ENDINGS: readonly string[] = [
  // German, Dutch, Swedish, Norwegian, Danish, Finnish, Hungarian; the Nordic definite and
  // the Finnish and Hungarian possessive forms a label takes (`Lösenordet:`, `Salasanasi:`).
  'passwort',
  'kennwort',
  'api-schlüssel',
  'api-schluessel',
  'wachtwoord',
  'lösenord',
  'losenord',
  'lösenordet',
  'losenordet',
  'passord',
  'passordet',
  'adgangskode',
  'adgangskoden',
  'salasana',
  'salasanasi',
  'jelszó',
  'jelszo',
  'jelszava',
  'jelszavad',
  // French, Spanish, Portuguese, Romanian, Italian, Greek, Vietnamese, Indonesian and Malay.
  'mot de passe',
  'clé api',
  'cle api',
  'contraseña',
  'contrasena',
  'clave api',
  'clave de acceso',
  'chave api',
  'chave de api',
  'parolă',
  'chiave api',
  'κωδικός πρόσβασης',
  'mật khẩu',
  'mat khau',
  'kata sandi',
  'kata laluan',
  // Russian (and Ukrainian, Bulgarian), Hindi, Arabic, Hebrew, Thai.
  'пароль',
  'ключ api',
  'api-ключ',
  'पासवर्ड',
  'كلمة المرور',
  'كلمة السر',
  'סיסמה',
  'סיסמא',
  'รหัสผ่าน',
];

/**
 * Short names that must start a word: `resenha` (a review) ends with `senha`, and `mdp`
 * (French for password) ends many an abbreviation. Turkish labels take the possessive
 * (`Şifreniz:`, your password).
 */
const WHOLE_WORDS: ReadonlySet<string> = new Set([
  'mdp',
  'senha',
  'hasło',
  'haslo',
  'heslo',
  'şifre',
  'sifre',
  'şifreniz',
  'sifreniz',
  'şifresi',
  'sifresi',
  'токен',
]);

/**
 * The names by the code of their last character: a separator follows some word at every
 * turn in JSON and prose, and one lookup turns nearly all of them away before any name is
 * compared.
 */
const NAMES_BY_LAST_CHAR = new Map<number, string[]>();
for (const name of [...NAME_ENDINGS, ...WHOLE_WORDS]) {
  const last = name.charCodeAt(name.length - 1);
  NAMES_BY_LAST_CHAR.set(last, [...(NAMES_BY_LAST_CHAR.get(last) ?? []), name]);
}

/** The code of the lower-case form of `text[at]` (ASCII without a string; else by `toLowerCase`). */
function lowerCodeAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return text[at]!.toLowerCase().charCodeAt(0);
}

const LETTER = /\p{L}/u;

/**
 * Where a credential name of another language that `text` ends with at `end` starts (any
 * letter case: `Passwort`, `MOT DE PASSE`, `Пароль`), or -1.
 */
function localizedCredentialNameStart(text: string, end: number): number {
  if (end <= 0) return -1;
  const names = NAMES_BY_LAST_CHAR.get(lowerCodeAt(text, end - 1));
  if (names === undefined) return -1;
  for (const name of names) {
    const start = end - name.length;
    if (start < 0 || !isNameAt(text, start, name)) continue;
    if (WHOLE_WORDS.has(name) && start > 0 && LETTER.test(text[start - 1]!)) continue;
    return start;
  }
  return -1;
}

/**
 * Whether `text` holds `name` (lower-case) at `start`, in any letter case. Compared from the
 * end, character by character: most candidates differ in their second-last character, and
 * nothing is allocated for them.
 */
function isNameAt(text: string, start: number, name: string): boolean {
  for (let i = name.length - 1; i >= 0; i--) {
    if (lowerCodeAt(text, start + i) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Where a credential name in another language than English ends `text` at `end`: Chinese,
 * Japanese or Korean (`密码`, `API密钥`; decision 0049), or a language written with spaces
 * (`Passwort`, `mot de passe`, `пароль`; decision 0053). -1 when there is none.
 */
export function otherLanguageNameStart(text: string, end: number): number {
  const cjk = cjkCredentialNameStart(text, end);
  return cjk >= 0 ? cjk : localizedCredentialNameStart(text, end);
}
