import { isRetryable, retryAfterMs } from '@pm/budget';
import { isPmError } from '@pm/envelope-schemas';
import { EgressDeniedError } from '../egress/egress-denied-error.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { scrubSecrets } from '../secrets/scrub-text.js';
import { connectionCode } from './connection-code.js';
import { requestMayHaveLeft } from './request-may-have-left.js';
import { serverRetryVerdict } from './server-retry-verdict.js';
import { isQuotaExhausted, statusAdvice } from './status-advice.js';

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

/** What the provider saw of the attempt that failed. */
export interface AttemptFacts {
  /** A 2xx response (status and headers) arrived before the failure. */
  responded: boolean;
  /** The attempt's own `timeoutMs` fired (not the run's deadline). */
  timedOut: boolean;
  /** The origin called (from `baseURL`), to name in a connection failure. */
  origin?: string;
}

/** The failure of an attempt cut off by its own `timeoutMs`. */
export function attemptTimeoutError(responded: boolean): ProviderUnavailableError {
  // No answer yet, but the request may have been sent: OpenAI goes on generating (and
  // billing) after a client gives up. Retried, and booked at the worst case: fail closed.
  if (!responded)
    return new ProviderUnavailableError(
      'The OpenAI call timed out before any answer; it may have been billed. Raise timeoutMs if the model needs longer (long outputs, high reasoningEffort).',
      { retryable: true, possiblyBilled: true },
    );
  // Headers said 2xx, so the provider may have billed it: not retried, settled at worst case.
  return new ProviderUnavailableError(
    'The OpenAI call timed out while reading a 2xx response body; it may have been billed. Raise timeoutMs if answers are long.',
    { retryable: false, possiblyBilled: true },
  );
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
  facts: AttemptFacts = { responded: false, timedOut: false },
): Error {
  const denial = findEgressDenial(error);
  if (denial) return denial;
  if (isPmError(error)) return error;
  const clean = (text: string) => scrubSecrets(text, secrets).slice(0, MAX_MESSAGE);
  const answered = error instanceof sdk.APIError && typeof error.status === 'number';
  // Checked before the SDK's own classes: an abort by the attempt's timer surfaces as
  // APIUserAbortError before the headers and as the timer's DOMException in the body.
  if (facts.timedOut && !answered) return attemptTimeoutError(facts.responded);

  if (error instanceof sdk.APIUserAbortError) {
    return new ProviderUnavailableError(
      'The OpenAI call was aborted (run deadline or cancellation).',
      {
        retryable: false,
        ...(facts.responded ? { possiblyBilled: true } : {}),
      },
    );
  }
  if (error instanceof sdk.APIConnectionTimeoutError) return attemptTimeoutError(facts.responded);
  if (error instanceof sdk.APIConnectionError && !facts.responded) {
    const code = connectionCode(error);
    const where = `${facts.origin ?? 'OpenAI'}${code ? ` (${code})` : ''}`;
    // Retried either way. A connection lost once the request may have arrived is booked at
    // the worst case, like a timeout: the provider may be generating (and billing) it.
    if (requestMayHaveLeft(error)) {
      return new ProviderUnavailableError(
        `The connection to ${where} failed after the request may have reached it; it may have been billed.`,
        { retryable: true, possiblyBilled: true },
      );
    }
    return new ProviderUnavailableError(
      `Could not reach ${where}: the connection failed before the request was sent. Check the provider baseURL and that the host is reachable from here.`,
      { retryable: true },
    );
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number') {
    const quota = isQuotaExhausted(error);
    const byStatus = !quota && isRetryable(error);
    // The server's own word (`x-should-retry`) comes first, as in the SDK, whose retries are
    // off here: a forced retry still counts against retry.attempts and holds its request.
    const serverSaid = serverRetryVerdict(error.headers);
    const retryable = serverSaid ?? byStatus;
    const wait = retryable ? retryAfterMs(error) : undefined;
    // The SDK's message starts with the status already ("401 Incorrect API key..."). Cut off
    // by the attempt's timer while reading the error body, it is the abort's own ("This
    // operation was aborted"), which read as what the server said.
    const said = facts.timedOut
      ? `its error body did not arrive within timeoutMs`
      : clean(error.message.replace(/^\d{3} /, ''));
    // The advice is worded from the facts that decide the retry, so it cannot promise another.
    const advice = statusAdvice(error.status, {
      quotaExhausted: quota,
      retryable,
      waitMs: wait,
      ...(retryable === byStatus ? {} : { serverOverrode: true }),
    });
    return new ProviderUnavailableError(
      `OpenAI answered HTTP ${error.status}: ${said}${/[.!?]$/.test(said) ? '' : '.'} ${advice}`,
      {
        status: error.status,
        retryable,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      },
    );
  }
  // A 2xx with a body the SDK could not read (malformed, truncated or cut off, wrong content
  // type). The provider may have billed it, so it is not retried and the pipeline settles it
  // at the reservation's worst case: fail closed.
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? clean(error.message) : '';
  if (!facts.responded) {
    return new ProviderUnavailableError(
      `The OpenAI call failed before any answer arrived (${name}: ${message}).`,
      { retryable: false },
    );
  }
  return new ProviderUnavailableError(
    `OpenAI returned a response that could not be read (${name}: ${message}); it may have been billed.`,
    { retryable: false, possiblyBilled: true },
  );
}
