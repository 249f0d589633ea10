import { endsWithCredentialName, NORMALISED_CREDENTIAL_NAMES } from '../credential-names.js';
import { otherLanguageNameStart } from '../localized-credential-names.js';

/**
 * Key endings whose values are replaced whole, compared after lower-casing and removing
 * every separator (`API-Key`, `api.key`, `Api Key` → `apikey`): the credential names the
 * text scan uses (one list, `credential-names.ts`), and names that only a structured value
 * carries (`authorization`, `set-cookie`, `session_id`, `signature`). `max_tokens` and
 * `author` stay data.
 */
const SENSITIVE_ENDINGS: readonly string[] = [
  ...NORMALISED_CREDENTIAL_NAMES,
  'pwd',
  'secretkey',
  'authorization',
  'cookie',
  'sessionid',
  'signature',
];

/** Lower-case, without `_`, `-`, `.`, spaces. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * True when a value under `key` must be replaced whole, whatever it contains: a key the
 * text scan reads as a credential name (with its suffixes: `db_pass`, `client_secret_value`,
 * `api_key_b64`; or in another language: `新密码`, `Passwort`, `mot de passe`), or one
 * ending above in any case and with any separators.
 */
export function isSensitiveKey(key: string): boolean {
  if (endsWithCredentialName(key) || otherLanguageNameStart(key, key.length) >= 0) return true;
  const k = normaliseKey(key);
  for (const ending of SENSITIVE_ENDINGS) if (k.endsWith(ending)) return true;
  return k === 'auth';
}
