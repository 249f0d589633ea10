import { isRetryable, retryAfterMs } from '@pm/budget';
import { isPmError } from '@pm/envelope-schemas';
import { EgressDeniedError } from '../egress/egress-denied-error.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { scrubSecrets } from '../secrets/scrub-text.js';

type OpenAIModule = typeof import('openai');

const MAX_MESSAGE = 300;

function findEgressDenial(error: unknown): EgressDeniedError | undefined {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (e instanceof EgressDeniedError) return e;
  }
  return undefined;
}

/**
 * Turns whatever the SDK threw into a `ProviderUnavailableError` (or the `EgressDeniedError` the
 * guarded fetch raised underneath it). The SDK's message is cut short and scrubbed of the
 * key; its error object is not kept, since its body or headers may echo the key.
 */
export function mapOpenAIError(
  error: unknown,
  sdk: OpenAIModule,
  secrets: readonly string[],
): Error {
  const denial = findEgressDenial(error);
  if (denial) return denial;
  if (isPmError(error)) return error;
  const clean = (text: string) => scrubSecrets(text, secrets).slice(0, MAX_MESSAGE);

  if (error instanceof sdk.APIUserAbortError) {
    return new ProviderUnavailableError(
      'The OpenAI call was aborted (run deadline or cancellation).',
      {
        retryable: false,
      },
    );
  }
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderUnavailableError('The OpenAI call timed out.', { retryable: true });
  }
  if (error instanceof sdk.APIConnectionError) {
    return new ProviderUnavailableError(
      'Could not reach OpenAI (connection failed or was reset).',
      {
        retryable: true,
      },
    );
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number') {
    const wait = retryAfterMs(error);
    return new ProviderUnavailableError(
      `OpenAI answered HTTP ${error.status}: ${clean(error.message)}`,
      {
        status: error.status,
        retryable: isRetryable(error),
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      },
    );
  }
  // A 200 with a body the SDK could not read (malformed or truncated JSON, wrong content
  // type). The provider may have billed it, so it is not retried: fail closed.
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? clean(error.message) : '';
  return new ProviderUnavailableError(
    `OpenAI returned a response that could not be read (${name}: ${message}).`,
    {
      retryable: false,
    },
  );
}
