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
 * Whether a usage counts something of what the call certainly used: every call sends a
 * prompt (one with nothing to send is refused, and the chat format alone is tokens), and an
 * answer with text took output tokens to write. A gateway that fills usage with zeros would
 * otherwise book every call at $0, and a hard cap would let any number of them through.
 * `answer` is the answer's text, when the call has one.
 */
function countsWhatWasUsed(usage: TokenUsageV1, answer: string | undefined): boolean {
  if (usage.input_tokens === 0) return false;
  return !(answer !== undefined && answer !== '' && usage.output_tokens === 0);
}

/**
 * The usage a provider reported, when it is whole and can be priced: four counts of tokens,
 * each a non-negative integer, with the cached tokens part of the input and the reasoning
 * tokens part of the output (as OpenAI counts them), none above {@link MAX_CALL_TOKENS} (a
 * count no call can reach, which the budget and the run's summary cannot count exactly), and
 * none of the input or, for an answer with text, of the output left at zero (decision 0026).
 * Anything else (an OpenAI-compatible gateway that sends only `total_tokens` or zeros, a
 * `null` count, more cached than input tokens, a host provider's own shape) counts as not
 * reported, so the call is booked at its worst case and recorded like any other, instead of
 * failing after it was billed (the budget refuses to settle a usage it cannot price, which
 * left the call with no response record and its worst case held) or being booked as free.
 */
export function wholeUsage(usage: unknown, answer?: string): TokenUsageV1 | undefined {
  if (usage === undefined) return undefined;
  const parsed = TokenUsageV1.safeParse(usage);
  if (!parsed.success) return undefined;
  const whole = parsed.data;
  return usageAddsUp(whole) && withinReach(whole) && countsWhatWasUsed(whole, answer)
    ? whole
    : undefined;
}
