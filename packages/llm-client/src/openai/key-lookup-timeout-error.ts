import { PmError } from '@pm/envelope-schemas';

/**
 * The `apiKey` function did not answer within the attempt's `timeoutMs`. Nothing was sent,
 * so the pipeline releases the reservation; `MISSING_CREDENTIAL`, like a key function that
 * throws, and not retried (a secret manager that hangs once usually hangs again).
 */
export function keyLookupTimeoutError(timeoutMs: number): PmError {
  return new PmError(
    'MISSING_CREDENTIAL',
    `The apiKey function of openaiProvider returned no key within timeoutMs (${timeoutMs} ms), so nothing was sent; check the secret manager and its access, or raise timeoutMs.`,
    { details: { source: 'secret-provider', timeoutMs } },
  );
}
