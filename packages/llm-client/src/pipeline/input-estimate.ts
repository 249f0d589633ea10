import { countChatTokens, countTokens, type TokenCount } from '@pm/budget';
import type { ProviderCallRequest } from '../provider/provider.js';

/** The input tokens a call is reserved for, and whether the count is an estimate. */
export type InputEstimate = Pick<TokenCount, 'tokens' | 'approximate'>;

/**
 * The input tokens `request` will be billed for, at least: its messages, counted exactly
 * (OpenAI's published method), plus, for structured output, the response schema. OpenAI
 * adds the schema to the model's input and bills it there, in a rendering it does not
 * publish; left out, a large schema made the reservation hold less than the call is billed,
 * so calls in flight could pass a tight cap between them. The schema counts as its name and
 * its JSON text, which spells out every key and quote the model's compact rendering leaves
 * out: meant to err high, so the count is flagged approximate.
 */
export function inputEstimate(request: ProviderCallRequest): InputEstimate {
  const messages = countChatTokens(request.messages, { model: request.model });
  const format = request.responseFormat;
  if (format === undefined) return messages;
  const schema = countTokens(`${format.name}\n${JSON.stringify(format.schema)}`, {
    model: request.model,
  });
  return { tokens: messages.tokens + schema.tokens, approximate: true };
}
