import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';

/** Why a 2xx holds no answer. */
export type Unanswered =
  /** The model refused (`refusal` in Chat Completions, a `refusal` part in the Responses API). */
  | { why: 'refused' }
  /** A chat completion without any choice. */
  | { why: 'no_choice' }
  /**
   * A Responses API response without any message (an empty `output`, a reasoning item only):
   * returned as "", it read as a successful, empty answer (decision 0012).
   */
  | { why: 'no_message' }
  /**
   * A Responses API response that did not complete (`failed`, `cancelled`, `queued`...). The
   * status and code as `bodyWord` reads them: `undefined` when not one of OpenAI's words.
   */
  | { why: 'not_completed'; status: string | undefined; code: string | undefined }
  /**
   * The output limit was reached before any text: a reasoning model can spend all of
   * `maxOutputTokens` reasoning. Returned as "", it read as a successful, empty answer.
   */
  | { why: 'no_text_within_limit'; maxOutputTokens: number; reasoningTokens: number };

function describe(unanswered: Unanswered): string {
  if (unanswered.why === 'refused') return 'The model refused the request.';
  if (unanswered.why === 'no_choice')
    return 'OpenAI answered without any choice (no output); it was billed. Check the gateway or model in use.';
  if (unanswered.why === 'no_message')
    return 'OpenAI answered without any message (no output); it was billed. Not retried: check the gateway or model in use.';
  if (unanswered.why === 'no_text_within_limit') {
    const { maxOutputTokens, reasoningTokens } = unanswered;
    return reasoningTokens > 0
      ? `OpenAI reached maxOutputTokens (${maxOutputTokens}) before writing any answer: ${reasoningTokens} went to reasoning. Raise maxOutputTokens or lower reasoningEffort; not retried, the same limit ends the same way.`
      : `OpenAI reached maxOutputTokens (${maxOutputTokens}) before writing any answer. Raise maxOutputTokens; not retried, the same limit ends the same way.`;
  }
  // Only OpenAI's enum words (bodyWord): a gateway's prose, or an echo of the key, is not shown.
  const status = unanswered.status
    ? `status ${JSON.stringify(unanswered.status)}`
    : "a status that is not one of OpenAI's";
  const code = unanswered.code ? ` (${unanswered.code})` : '';
  return `OpenAI's response ended with ${status}${code} and no answer; it may have been billed. Not retried: check the model and input, then call again.`;
}

/**
 * A 2xx whose body holds no answer. Billed (or maybe billed), so the usage goes with the
 * error and the pipeline settles with it (at the worst case without it); not retried, since
 * the same prompt most likely ends the same way. Returned as an empty text, it would read as
 * a successful call whose answer is "".
 */
export function unansweredError(
  unanswered: Unanswered,
  usage: TokenUsageV1 | undefined,
): ProviderUnavailableError {
  return new ProviderUnavailableError(describe(unanswered), {
    retryable: false,
    possiblyBilled: true,
    ...(usage ? { usage } : {}),
  });
}
