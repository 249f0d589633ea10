import { TokenUsageV1 } from '@pm/envelope-schemas';
import { usageAddsUp } from '../provider/usage-adds-up.js';
import { MAX_CALL_TOKENS } from './max-call-tokens.js';

function withinReach(usage: TokenUsageV1): boolean {
  return (
    usage.input_tokens <= MAX_CALL_TOKENS &&
    usage.cached_input_tokens <= MAX_CALL_TOKENS &&
    usage.output_tokens <= MAX_CALL_TOKENS &&
    usage.reasoning_tokens <= MAX_CALL_TOKENS
  );
}

/**
 * The usage a provider reported, when it is whole and can be priced: four counts of tokens,
 * each a non-negative integer, with the cached tokens part of the input and the reasoning
 * tokens part of the output (as OpenAI counts them), none above {@link MAX_CALL_TOKENS} (a
 * count no call can reach, which the budget and the run's summary cannot count exactly). Anything else (an OpenAI-compatible
 * gateway that sends only `total_tokens`, a `null` count, more cached than input tokens, a
 * host provider's own shape) counts as not reported, so the call is booked at its worst case
 * and recorded like any other, instead of failing after it was billed: the budget refuses to
 * settle such a usage, which left the call with no response record and its worst case held.
 */
export function wholeUsage(usage: unknown): TokenUsageV1 | undefined {
  if (usage === undefined) return undefined;
  const parsed = TokenUsageV1.safeParse(usage);
  if (!parsed.success) return undefined;
  return usageAddsUp(parsed.data) && withinReach(parsed.data) ? parsed.data : undefined;
}
