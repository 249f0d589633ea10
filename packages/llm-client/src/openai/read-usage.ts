import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { usageAddsUp } from '../provider/usage-adds-up.js';

/**
 * OpenAI counts cached tokens inside the input and reasoning tokens inside the output. A
 * usage that says otherwise (a gateway reporting more cached than input tokens) cannot be
 * priced: settling with it failed a call that had succeeded, and had been billed, with
 * `INVALID_ARGUMENT`. It counts as not reported, so the call is booked at its worst case
 * (`usageEstimated: true`), like a usage without its counts.
 */
function consistent(usage: TokenUsageV1): TokenUsageV1 | undefined {
  // Non-numbers are left to the pipeline, which books them at the worst case already.
  return usageAddsUp(usage) ? usage : undefined;
}

/** The usage of a chat completion; `undefined` when absent or inconsistent. */
export function fromChatUsage(
  usage: import('openai').OpenAI.CompletionUsage | undefined,
): TokenUsageV1 | undefined {
  if (!usage) return undefined;
  return consistent({
    input_tokens: usage.prompt_tokens,
    cached_input_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    output_tokens: usage.completion_tokens,
    reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  });
}

/** The usage of a Responses API response; `undefined` when absent or inconsistent. */
export function fromResponsesUsage(
  usage: import('openai').OpenAI.Responses.ResponseUsage | undefined,
): TokenUsageV1 | undefined {
  if (!usage) return undefined;
  return consistent({
    input_tokens: usage.input_tokens,
    cached_input_tokens: usage.input_tokens_details?.cached_tokens ?? 0,
    output_tokens: usage.output_tokens,
    reasoning_tokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
  });
}
