import { REDACTED_TEXT } from '@pm/envelope-schemas';

/** Replaces every occurrence of each known secret value in a text with `[REDACTED]`. */
export function scrubKnownSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join(REDACTED_TEXT);
  }
  return out;
}
