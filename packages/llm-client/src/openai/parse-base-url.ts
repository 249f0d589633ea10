import { PmError } from '@pm/envelope-schemas';
import { parseHttpUrl } from '../egress/parse-origin.js';

const FIELD = 'openaiProvider({ baseURL })';

/**
 * The `baseURL` of `openaiProvider`: a full http(s) URL (see `parseHttpUrl`) without a query
 * or fragment. The SDK appends the endpoint to the text of `baseURL`, so
 * `.../v1?api-version=1` would send every request to `/v1` with the endpoint inside the query,
 * and a token in the query would travel in every URL: refused when the provider is created.
 * The value is not quoted (its query may be a token).
 */
export function parseBaseURL(value: unknown): URL {
  const url = parseHttpUrl(value, FIELD);
  if (url.search !== '' || url.hash !== '' || (typeof value === 'string' && /[?#]/.test(value))) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `${FIELD} has a query or fragment (?... or #...); the SDK appends the endpoint path after it, so requests would go to the wrong path. Give the URL up to its path, e.g. "https://api.openai.com/v1"; the key goes in apiKey.`,
      { details: { field: 'baseURL' } },
    );
  }
  return url;
}
