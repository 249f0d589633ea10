import { CleanStringCache } from './clean-string-cache.js';
import { type ScrubReport, scrubValue } from './scrub-secrets.js';

/** A value as `pm-ledger` may print it (or `summariseLedger` return it), and the kinds of secret taken out of it. */
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
 * a CI log or a ticket through them. One instance per command: strings found clean once
 * (member names, models, stages) are not scanned again, as in verification, so listing a
 * large ledger costs one scan of its new strings per record, not a walk per string.
 */
export class OutputScrubber {
  private readonly cache = new CleanStringCache();
  private readonly strings: string[] = [];

  /** `value` with every secret replaced, and their kinds. */
  scrub<T>(value: T): ScrubbedForOutput<T> {
    const strings = this.strings;
    strings.length = 0;
    if (gatherStrings(value, strings, 0) && !this.cache.anySecret(strings)) {
      return { value, kinds: [] };
    }
    const report: ScrubReport = { scrubbed: [], artifactRefs: [] };
    const scrubbed = scrubValue(value, '$', report) as T;
    return { value: scrubbed, kinds: report.scrubbed.map((entry) => entry.kind) };
  }
}

/** Deeper than any valid record (the schema refuses deeper ones). */
const MAX_DEPTH = 256;

/**
 * Every string and member name in a parsed JSON value, into `out`; false when the value
 * is nested too deep to gather (then the caller scrubs it whole rather than trust a
 * partial scan).
 */
function gatherStrings(value: unknown, out: string[], depth: number): boolean {
  if (typeof value === 'string') {
    out.push(value);
    return true;
  }
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!gatherStrings(item, out, depth + 1)) return false;
    return true;
  }
  for (const [key, item] of Object.entries(value)) {
    out.push(key);
    if (!gatherStrings(item, out, depth + 1)) return false;
  }
  return true;
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
