import { kindOf } from '../kind-of.js';
import type { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { gatewayErrorText } from './gateway-error-text.js';
import { textBodyProblem } from './text-body-problem.js';
import { unreadableBodyError } from './unreadable-body-error.js';

/** What is wrong with a chat completion body, or `undefined` when its first choice can be read. */
function problem(body: unknown, secrets: readonly string[]): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `the body is ${kindOf(body)}, not a chat completion object`;
  const { choices, error } = body as { choices?: unknown; error?: unknown };
  if (error !== undefined && error !== null && choices === undefined) {
    // Some gateways answer a failure with 200 and OpenAI's error shape: say what it says.
    return gatewayErrorText(error, secrets);
  }
  if (!Array.isArray(choices)) return `its choices are ${kindOf(choices)}, not a list`;
  const first: unknown = choices[0];
  if (first === undefined) return undefined; // no choice: answered as `no_choice`
  const message = (first as { message?: unknown } | null)?.message;
  if (typeof message !== 'object' || message === null)
    return `its first choice's message is ${kindOf(message)}, not an object`;
  return undefined;
}

/**
 * The failure of a 2xx whose body is not a chat completion (a gateway's `200` with an error
 * object, `null`, a `204`), or `undefined` when it is one. Read as one, it failed with the
 * TypeError of a missing property ("Cannot read properties of undefined (reading '0')"),
 * which says nothing a host can act on. Not retried and booked at the worst case, like any
 * 2xx that cannot be read: it may have been billed.
 */
export function unreadableChatBody(
  body: unknown,
  origin: string,
  secrets: readonly string[],
  contentType?: string | null,
): ProviderUnavailableError | undefined {
  const wrong =
    (typeof body === 'string' ? textBodyProblem(contentType) : undefined) ?? problem(body, secrets);
  return wrong === undefined ? undefined : unreadableBodyError(wrong, origin, 'chat completions');
}
