import { REDACTED_TEXT } from '@pm/envelope-schemas';
import { detectSecrets } from '@pm/redact';

/**
 * Makes a text safe to show or store: every occurrence of each known secret value (the API
 * key in use) becomes `[REDACTED]`, then anything `detectSecrets` finds becomes
 * `[SECRET:<kind>]`. For provider error messages, which may echo keys or prompt content.
 */
export function scrubSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    if (secret) out = out.split(secret).join(REDACTED_TEXT);
  }
  const findings = detectSecrets(out);
  for (let i = findings.length - 1; i >= 0; i--) {
    const finding = findings[i]!;
    out = `${out.slice(0, finding.start)}[SECRET:${finding.kind}]${out.slice(finding.end)}`;
  }
  return out;
}
