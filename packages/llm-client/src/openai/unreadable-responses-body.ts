import { kindOf } from '../kind-of.js';
import type { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { gatewayErrorText } from './gateway-error-text.js';
import { textBodyProblem } from './text-body-problem.js';
import { unreadableBodyError } from './unreadable-body-error.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a Responses API body, or `undefined` when its output can be read. */
function problem(body: unknown, secrets: readonly string[]): string | undefined {
  if (!isObject(body)) return `the body is ${kindOf(body)}, not a Responses API response object`;
  const { output, error } = body;
  // A failed response carries `error` and an `output` list: that one is read (`not_completed`).
  if (error !== undefined && error !== null && output === undefined)
    return gatewayErrorText(error, secrets);
  if (!Array.isArray(output)) return `its output is ${kindOf(output)}, not a list`;
  for (const [index, item] of output.entries()) {
    if (!isObject(item)) return `its output item ${index} is ${kindOf(item)}, not an object`;
    if (item.type !== 'message') continue;
    const { content } = item;
    if (!Array.isArray(content))
      return `the content of its message (output item ${index}) is ${kindOf(content)}, not a list`;
    const bad = content.findIndex((part: unknown) => !isObject(part));
    if (bad >= 0)
      return `a part of its message (output item ${index}) is ${kindOf(content[bad])}, not an object`;
  }
  return undefined;
}

/**
 * The failure of a 2xx whose body is not a Responses API response (`null`, an array, a
 * string, `{"output": 5}`, a gateway's `200` with an error object), or `undefined` when it is
 * one. Read as one, it failed with the SDK's own TypeError ("rsp.output is not iterable"),
 * which says nothing a host can act on. Not retried and booked at the worst case, like any
 * 2xx that cannot be read (`unreadableChatBody` for Chat Completions): it may have been billed.
 */
export function unreadableResponsesBody(
  body: unknown,
  origin: string,
  secrets: readonly string[],
  contentType?: string | null,
): ProviderUnavailableError | undefined {
  const wrong =
    (typeof body === 'string' ? textBodyProblem(contentType) : undefined) ?? problem(body, secrets);
  return wrong === undefined
    ? undefined
    : unreadableBodyError(wrong, origin, 'Responses API responses');
}
