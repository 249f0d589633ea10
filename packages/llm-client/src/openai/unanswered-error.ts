import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';

/**
 * A 2xx whose body holds no answer: the model refused (a `refusal` in Chat Completions, a
 * `refusal` content part in the Responses API) or the body has no choice at all. Both are
 * billed, so the usage goes with the error and the pipeline settles with it (or at the worst
 * case without it); not retried, since the same prompt gets the same refusal. Returned as an
 * empty text, a refusal would read as a successful call whose answer is "".
 */
export function unansweredError(
  why: 'refused' | 'no_choice',
  usage: TokenUsageV1 | undefined,
): ProviderUnavailableError {
  const message =
    why === 'refused'
      ? 'The model refused the request.'
      : 'OpenAI answered without any choice (no output); it was billed. Check the gateway or model in use.';
  return new ProviderUnavailableError(message, {
    retryable: false,
    possiblyBilled: true,
    ...(usage ? { usage } : {}),
  });
}
