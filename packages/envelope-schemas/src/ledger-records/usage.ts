import { z } from 'zod';

const Count = z.int().min(0);

/** Token usage of one call as the provider reported it (or the offline stub counted it). */
export const TokenUsageV1 = z.strictObject({
  /** Prompt tokens, including cached ones. */
  input_tokens: Count,
  /** Prompt tokens served from the provider's cache (billed at the cached price). */
  cached_input_tokens: Count,
  /** Completion tokens, including reasoning tokens. */
  output_tokens: Count,
  /** Reasoning tokens (billed as output; included in `output_tokens`). */
  reasoning_tokens: Count,
});
export type TokenUsageV1 = z.infer<typeof TokenUsageV1>;
