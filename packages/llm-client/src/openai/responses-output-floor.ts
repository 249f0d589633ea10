import { PmError } from '@pm/envelope-schemas';

/**
 * The smallest `max_output_tokens` the Responses API takes: below it the request is a 400
 * ("integer below minimum value"). Chat Completions has no such floor.
 */
export const RESPONSES_MIN_OUTPUT_TOKENS = 16;

/**
 * Refuses a Responses API request whose output ceiling is below the API's floor, before
 * anything is reserved or sent: it could only fail remotely, after leaving the process.
 */
export function checkResponsesOutputFloor(maxOutputTokens: number): void {
  if (maxOutputTokens >= RESPONSES_MIN_OUTPUT_TOKENS) return;
  throw new PmError(
    'INVALID_ARGUMENT',
    `The OpenAI Responses API takes maxOutputTokens of ${RESPONSES_MIN_OUTPUT_TOKENS} or more; got ${maxOutputTokens}. Raise maxOutputTokens to at least ${RESPONSES_MIN_OUTPUT_TOKENS} (or use openaiProvider({ api: 'chat' }), which has no floor); nothing was sent.`,
    { details: { field: 'maxOutputTokens' } },
  );
}
