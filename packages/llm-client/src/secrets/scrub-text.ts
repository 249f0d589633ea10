import { REDACTED_TEXT } from '@pm/envelope-schemas';
import { detectSecrets } from '@pm/redact';

/**
 * The user-info of a URL (`https://user:password@host`, `https://token@host`), whatever it
 * looks like: `detectSecrets` finds a `user:password` whose password looks like one, but not
 * a token alone before the `@`, and a gateway's error that echoes an upstream URL would carry
 * it into the ledger.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/**
 * A key shown masked, as OpenAI's 401 echoes a wrong one (`sk-proj-****…abcd`): its start,
 * four or more asterisks, its end. Not the secret, but its prefix and last characters narrow
 * which key it was, and an error message is no place for any of it.
 */
const MASKED_KEY = /[\w-]{0,32}\*{4,}[\w-]{0,8}/g;

/**
 * Makes a text safe to show or store: every occurrence of each known secret value (the API
 * key in use) becomes `[REDACTED]`, so do the user-info of any URL and a masked key, then anything
 * `detectSecrets` finds becomes `[SECRET:<kind>]`. For provider error messages, which may
 * echo keys, URLs or prompt content.
 */
export function scrubSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    if (secret) out = out.split(secret).join(REDACTED_TEXT);
  }
  out = out.replace(URL_USERINFO, `$1${REDACTED_TEXT}@`).replace(MASKED_KEY, REDACTED_TEXT);
  const findings = detectSecrets(out);
  for (let i = findings.length - 1; i >= 0; i--) {
    const finding = findings[i]!;
    out = `${out.slice(0, finding.start)}[SECRET:${finding.kind}]${out.slice(finding.end)}`;
  }
  return out;
}
