import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import { scrubSecrets } from '../secrets/scrub-text.js';

/**
 * What the host wrote up to its query or fragment: those may carry a token
 * (`gw.internal/v1?key=...`), and an error message ends up in logs.
 */
function beforeQuery(value: string): string {
  const end = value.search(/[?#]/);
  return end < 0 ? value : `${value.slice(0, end)}?...`;
}

/**
 * Whether the text holds what `scrubSecrets` takes out: a key given where a URL goes (the
 * API key and base URL variables swapped) must not be quoted, not even its first characters.
 */
function holdsSecret(text: string): boolean {
  return scrubSecrets(text) !== text;
}

/** Shows what the host wrote, short, and never a value that looks like it carries a password. */
function shown(value: unknown): string {
  // `kindOf`, not `typeof`: a null baseURL read "is object".
  if (typeof value !== 'string') return kindOf(value);
  if (value.includes('@')) return '(a URL with a user name or password)';
  const head = beforeQuery(value);
  if (holdsSecret(head)) {
    return `a string of ${value.length} characters that looks like a key (not shown; a key goes in the provider's apiKey)`;
  }
  return JSON.stringify(head.length > 80 ? `${head.slice(0, 80)}...` : head);
}

/**
 * Parses a configured http(s) URL, or throws `INVALID_ARGUMENT` naming `field`: a bare host
 * (`api.openai.com`), a `host:port` (which WHATWG URL reads as the scheme `host:` with the
 * opaque origin `null`), another scheme or embedded credentials are configuration mistakes,
 * reported when the client is created rather than as a `TypeError` mid-run.
 */
export function parseHttpUrl(value: unknown, field: string): URL {
  const example =
    typeof value === 'string' &&
    !value.includes('://') &&
    !value.includes('@') &&
    !holdsSecret(beforeQuery(value))
      ? `https://${beforeQuery(value)}`
      : 'https://api.openai.com';
  const fix = `Write it as a full http(s) URL with its scheme, e.g. ${JSON.stringify(example.slice(0, 90))}.`;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `${field} is ${shown(value)}, which is not an http(s) URL. ${fix}`,
      { details: { field } },
    );
  }
  if (url.username || url.password) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `${field} carries a user name or password; remove them (credentials go in the provider's apiKey).`,
      { details: { field } },
    );
  }
  return url;
}

/** The origin (scheme, host, port) of a configured http(s) URL; see {@link parseHttpUrl}. */
export function parseOrigin(value: unknown, field: string): string {
  return parseHttpUrl(value, field).origin;
}
