import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';

/**
 * Refuses options that are not an object (or left out), or that name a member `known` does
 * not list. A misspelt option would silently be its default, and here defaults are the
 * weaker choice: `verifyLedger(dir, { publickey })` would verify without the key and say
 * ok, `openLedger({ durabilty: 'strict' })` would write in `batch`.
 */
export function checkKnownOptions(options: unknown, known: readonly string[], where: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidLedgerArgumentError(
      `${where}: options must be an object ({ ${known.join(', ')} }) or left out; got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}.`,
    );
  }
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new InvalidLedgerArgumentError(
      `${where}: ${JSON.stringify(unknown.slice(0, 40))} is not an option; the options are ${known.join(', ')}.`,
      { details: { option: unknown.slice(0, 40) } },
    );
  }
}
