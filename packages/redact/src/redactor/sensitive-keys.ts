/**
 * Key endings that name a credential, compared after lower-casing and removing every
 * separator (`API-Key`, `api_key`, `apiKey` → `apikey`). Matching the ending keeps
 * `db_password`, `x-api-key`, `set-cookie` and `refreshToken` while `max_tokens` and
 * `author` stay data.
 */
const SENSITIVE_ENDINGS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'sessionid',
  'signature',
  'xapikey',
] as const;

/** Lower-case, without `_`, `-`, `.`, spaces. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when a value under `key` must be replaced whole, whatever it contains. */
export function isSensitiveKey(key: string): boolean {
  const k = normaliseKey(key);
  for (const ending of SENSITIVE_ENDINGS) if (k.endsWith(ending)) return true;
  return k === 'auth';
}
