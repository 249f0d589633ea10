import { scrubSecrets } from '../secrets/scrub-text.js';

/** How much of an error a 2xx body carries is quoted: enough to say what went wrong. */
const MAX_QUOTED = 200;

/**
 * What a 2xx body carrying OpenAI's error shape (`{ error: { message } }`) says, as a clause
 * for a message: some gateways answer a failure with 200. Its message is quoted short and
 * scrubbed of the key (`secrets`, its forms): a gateway may echo the `Authorization` header.
 */
export function gatewayErrorText(error: unknown, secrets: readonly string[]): string {
  const said = (error as { message?: unknown } | null)?.message;
  return typeof said === 'string'
    ? `the body is an error, not an answer: ${JSON.stringify(scrubSecrets(said, secrets).slice(0, MAX_QUOTED))}`
    : 'the body is an error, not an answer';
}
