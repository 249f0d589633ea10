import { defaultAnswerBytes } from '../provider/answer-bytes.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';

/** UTF-8 takes at most 3 bytes for one UTF-16 code unit (a surrogate pair: 4 for 2). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * Refuses an answer whose text is longer, in UTF-8 bytes, than `openaiProvider` reads by
 * default for the call's `maxOutputTokens` (1 MiB plus 64 bytes per token): no model writes
 * that much within the ceiling, so it is a provider's bug (a host provider returning a whole
 * upstream body, a replay of a corrupt artifact). Checked before the text is stored, validated
 * or returned, for every provider: `openaiProvider` bounds what it reads, the pipeline bounds
 * what it is handed (decision 0038). Like `AnswerTooLargeError`, a `ProviderUnavailableError`
 * (`PROVIDER_UNAVAILABLE`) that is not retried and is booked at the worst case: it answered,
 * so it may have been billed, and its usage is not trusted.
 */
export function checkAnswerSize(providerName: string, text: string, maxOutputTokens: number): void {
  const limitBytes = defaultAnswerBytes(maxOutputTokens);
  // Most answers are far below: no need to count their bytes.
  if (text.length * MAX_UTF8_BYTES_PER_UNIT <= limitBytes) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limitBytes) return;
  throw new ProviderUnavailableError(
    `Provider "${providerName}" answered with ${bytes} bytes of text, above ${limitBytes} bytes, the bound for maxOutputTokens ${maxOutputTokens} (1 MiB plus 64 bytes per output token); the answer is neither stored nor returned, and the attempt is booked at its worst case. Not retried: check that the provider returns only the answer's text, written within maxOutputTokens.`,
    { retryable: false, possiblyBilled: true },
    { details: { limitBytes, bytes } },
  );
}
