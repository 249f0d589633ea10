import { ModelName } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { bodyWord } from './body-word.js';

/**
 * The model that answered, as the ledger can record it. A 2xx from a gateway may leave
 * `model` out or report something that is not a model name (a number, a description); the
 * response record then failed its schema after the call was billed. Such a value is
 * replaced by the model that was asked for, as is one holding the key (`secrets`, its forms):
 * a gateway echoing the `Authorization` header there would put the key in the ledger.
 */
export function answeredModel(
  reported: unknown,
  requested: string,
  secrets: readonly string[] = [],
): string {
  return ModelName.safeParse(reported).success && bodyWord(reported, secrets) !== undefined
    ? (reported as string)
    : requested;
}

/**
 * The text of a chat answer: `null` (an answer with no text) is empty, and anything but a
 * string is a body that cannot be read. It may have been billed, so it is not retried and is
 * booked at the worst case, like any 2xx that cannot be read (it failed later, when the
 * output was stored, with an error about the artifact store).
 */
export function answerText(content: unknown): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  throw new ProviderUnavailableError(
    `OpenAI returned a response that could not be read (its message content is ${kindOf(content)}, not text); it may have been billed. Check the gateway in use.`,
    { retryable: false, possiblyBilled: true },
  );
}
