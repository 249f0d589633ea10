import type { TokenUsageV1 } from '@pm/envelope-schemas';

/**
 * Whether a usage's parts fit their totals as OpenAI counts them: cached tokens within the
 * input, reasoning tokens within the output. One that does not cannot be priced (the budget
 * refuses to settle it). A count that is not a number is not judged here.
 */
export function usageAddsUp(usage: TokenUsageV1): boolean {
  const exceeds = (part: unknown, total: unknown) =>
    typeof part === 'number' && typeof total === 'number' && part > total;
  return !(
    exceeds(usage.cached_input_tokens, usage.input_tokens) ||
    exceeds(usage.reasoning_tokens, usage.output_tokens)
  );
}
