import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { findSecretSpans } from './secret-spans.js';

/**
 * A key id as the checkpoint carries it. Control characters are refused: jq, which the
 * format doc uses to check a checkpoint by hand, writes U+007F as `\u007f` where RFC 8785
 * keeps the character, so the hand check would fail on a valid signature.
 */
export function isKeyName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= 128 &&
    // \p{Cc}: control characters; \p{Cs}: a lone surrogate, which RFC 8785 cannot encode.
    !/[\p{Cc}\p{Cs}]/u.test(value)
  );
}

/**
 * Refuses an id that `detectSecrets` takes for a credential: the run id is written on
 * every line (and names the folder), the key id in every checkpoint, and verification
 * would flag the writer's own ledger. The value is never echoed.
 */
export function refuseSecretShaped(value: string, name: string, instead: string): void {
  const found = findSecretSpans(value);
  if (found.length === 0) return;
  throw new InvalidLedgerArgumentError(
    `openLedger: ${name} looks like a ${found[0]!.kind} secret, and it would be written to the ledger in clear. Use ${instead} instead (the value is not repeated here).`,
  );
}
