/**
 * Words for password in Chinese (both scripts), Japanese and Korean: names of keys here, and
 * what a sentence giving a password names (`password-in-cjk-prose`).
 */
export const CJK_PASSWORD_NAMES: readonly string[] = [
  '密码',
  '密碼',
  '口令',
  'パスワード',
  '비밀번호',
  '패스워드',
];

/**
 * Words for a secret key or a token in Chinese, Japanese and Korean. Only names that say so:
 * `秘密` (a secret in everyday speech) and `键` alone are not here.
 */
export const CJK_KEY_NAMES: readonly string[] = [
  // Chinese, simplified and traditional (Taiwan writes a key `金鑰`).
  '密钥',
  '密鑰',
  '秘钥',
  '秘鑰',
  '私钥',
  '私鑰',
  '金鑰',
  '令牌',
  // Japanese.
  '秘密鍵',
  'シークレット',
  'シークレットキー',
  'アクセスキー',
  'APIキー',
  'トークン',
  // Korean, with and without the space it often puts before 키 (key).
  '비밀키',
  '비밀 키',
  '개인키',
  '개인 키',
  '액세스키',
  '액세스 키',
  'API키',
  'API 키',
  '토큰',
];

/**
 * Credential names in Chinese, Japanese and Korean. A key in those scripts has no word
 * break to find, so a name is one the key ends with (`新密码：…`, `API密钥: …`,
 * `새 비밀번호=…`), never one it merely contains (`密码长度：12` is a length).
 */
const CJK_CREDENTIAL_NAMES: readonly string[] = [...CJK_PASSWORD_NAMES, ...CJK_KEY_NAMES];

/**
 * The names by their last character: in CJK prose a separator follows some character at
 * every turn (`说明：`, `用户名：`), and one lookup turns nearly all of them away. Trying
 * every name there doubled the generic scan's time on such text (22.7 -> 48-53 ms/MB).
 */
const NAMES_BY_LAST_CHAR = new Map<number, string[]>();
for (const name of CJK_CREDENTIAL_NAMES) {
  const last = name.charCodeAt(name.length - 1);
  NAMES_BY_LAST_CHAR.set(last, [...(NAMES_BY_LAST_CHAR.get(last) ?? []), name]);
}

/**
 * Where a credential name of {@link CJK_CREDENTIAL_NAMES} that `text` ends with at `end`
 * starts, or -1.
 */
export function cjkCredentialNameStart(text: string, end: number): number {
  const names = end > 0 ? NAMES_BY_LAST_CHAR.get(text.charCodeAt(end - 1)) : undefined;
  if (names === undefined) return -1;
  for (const name of names) {
    if (text.endsWith(name, end)) return end - name.length;
  }
  return -1;
}
