import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';

/**
 * The failure of a 2xx whose body could not be read as `expected` (`wrong` says why). Not
 * retried and booked at the worst case: it may have been billed. It points at what usually
 * explains it, a `baseURL` that is not an OpenAI-compatible API.
 */
export function unreadableBodyError(
  wrong: string,
  origin: string,
  expected: string,
): ProviderUnavailableError {
  return new ProviderUnavailableError(
    `OpenAI returned a response that could not be read (${wrong}); it may have been billed. Check that the provider baseURL (${origin}) is an OpenAI-compatible API and the gateway in use answers with ${expected}.`,
    { retryable: false, possiblyBilled: true },
  );
}
