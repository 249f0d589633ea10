import { type ScrubReport, scrubValue } from '../scrub-secrets.js';

/** A value as `pm-ledger` may print it, and the kinds of secret taken out of it. */
export interface ScrubbedForOutput<T> {
  value: T;
  /** One kind per secret replaced (`github`, `openai`…); empty when none was found. */
  kinds: string[];
}

/**
 * Scrubs what a command is about to print, as the writer scrubs a record: every secret
 * `detectSecrets` finds, in a string or a member name, becomes `[SECRET:<kind>]`. The
 * writer never stores one, but a ledger rewritten with a valid chain can hold one, and
 * `show` and `summary` print what the records say: a secret must not reach a terminal,
 * a CI log or a ticket through them.
 */
export function scrubForOutput<T>(value: T): ScrubbedForOutput<T> {
  const report: ScrubReport = { scrubbed: [], artifactRefs: [] };
  const scrubbed = scrubValue(value, '$', report) as T;
  return { value: scrubbed, kinds: report.scrubbed.map((entry) => entry.kind) };
}

/**
 * The failure a command reports when what it would print held a secret: the writer
 * could not have written one, so the ledger was altered.
 *
 * @param where what held it, e.g. `record 2`, `3 records (first: 2)`.
 * @param shown how the command dealt with it, e.g. `printed as [SECRET:<kind>]`.
 */
export function secretsFoundMessage(runDir: string, where: string, shown: string): string {
  return `${where} of ${runDir} held secret-shaped text (${shown}). The ledger's writer scrubs every record, so this ledger was altered or written by something else: run \`pm-ledger verify ${runDir}\`, and treat the secret as leaked.`;
}
