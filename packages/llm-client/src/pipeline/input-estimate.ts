import { countChatTokens, countTokens, type TokenCount } from '@pm/budget';
import { isPmError, PmError } from '@pm/envelope-schemas';
import type { ProviderCallRequest } from '../provider/provider.js';
import { shownName } from '../shown-name.js';

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
  try {
    return countInput(request);
  } catch (error) {
    throw isPmError(error) && error.code === 'UNKNOWN_MODEL' ? unknownModel(request.model) : error;
  }
}

/**
 * A model the tokenizer has no encoding for, in a client user's words: the budget API's own
 * error says to pass an `encoding`, an option no call of this client takes, and quotes the
 * model whole (a key given as the model, in a dry run, would be printed).
 */
function unknownModel(model: string): PmError {
  const shown = shownName(model);
  return new PmError(
    'UNKNOWN_MODEL',
    `No tokenizer is known for model "${shown}", so the input of its calls cannot be counted for the budget, and they are refused. Call a model by a name the tokenizer knows (gpt-5*, gpt-4.1*, gpt-4o*, o1*/o3*/o4*, gpt-4, gpt-3.5-turbo): a gateway's alias for one can be renamed to it.`,
    { details: { model: shown } },
  );
}

function countInput(request: ProviderCallRequest): InputEstimate {
  const messages = countChatTokens(request.messages, { model: request.model });
  const format = request.responseFormat;
  if (format === undefined) return messages;
  const schema = countTokens(`${format.name}\n${JSON.stringify(format.schema)}`, {
    model: request.model,
  });
  return { tokens: messages.tokens + schema.tokens, approximate: true };
}
