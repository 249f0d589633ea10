import { TokenUsageV1 } from '@pm/envelope-schemas';

/**
 * The usage a provider reported, when it is whole: four counts of tokens, each a
 * non-negative integer. Anything else (an OpenAI-compatible gateway that sends only
 * `total_tokens`, a `null` count, a host provider's own shape) counts as not reported, so
 * the call is booked at its worst case and recorded like any other, instead of failing
 * after it was billed with no response record and its reservation still held.
 */
export function wholeUsage(usage: unknown): TokenUsageV1 | undefined {
  if (usage === undefined) return undefined;
  const parsed = TokenUsageV1.safeParse(usage);
  return parsed.success ? parsed.data : undefined;
}
