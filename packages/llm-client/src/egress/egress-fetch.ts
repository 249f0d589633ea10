import { readOptions } from '../read-options.js';
import { checkEgressOptions } from './check-egress-options.js';
import { EgressDeniedError } from './egress-denied-error.js';
import { envProxyFor, type ProxySettings } from './env-proxy.js';
import { parseOrigin } from './parse-origin.js';
import { requestParts } from './request-parts.js';

/** What the guard reports for each refused request (to the ledger and `onEvent`). */
export interface EgressDenial {
  origin: string;
  reason: EgressDeniedError['reason'];
}

/** Options of `createEgressFetch`. */
export interface EgressFetchOptions {
  /**
   * Origins that may be reached, e.g. `https://api.openai.com` or `http://127.0.0.1:8080`.
   * Compared after WHATWG URL normalisation, so `https://API.openai.com:443/` matches
   * `https://api.openai.com` and an IP literal never matches a host name. An entry that is
   * not an http(s) URL (a bare host, `host:port`) throws `INVALID_ARGUMENT`.
   */
  allow: readonly string[];
  /** Called for every refusal, before the error is thrown; an error it throws is ignored. */
  onDenied?: (denial: EgressDenial) => void;
  /** The fetch to guard; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Redirects followed within the allowlist before giving up: 0 to 20, default 5. */
  maxRedirects?: number;
  /**
   * Where Node's environment proxy is read; default `process.env` and `process.execArgv`.
   * With `NODE_USE_ENV_PROXY` or `--use-env-proxy`, Node sends `fetch` through
   * `HTTP(S)_PROXY`: the proxy's origin must then be listed too, else `EGRESS_DENIED`.
   */
  proxy?: ProxySettings;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Request headers that carry credentials, dropped when a redirect leaves the origin they
 * were meant for. The Fetch standard drops the first three; `api-key` and `x-api-key` are
 * how Azure OpenAI and other providers send keys, so they go too (decision 0007).
 */
const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'api-key',
  'x-api-key',
];

/** Headers that describe a request body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language'];

function withoutHeaders(init: RequestInit, names: readonly string[]): RequestInit {
  const headers = new Headers(init.headers);
  for (const name of names) headers.delete(name);
  return { ...init, headers };
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Lets go of a redirect's body (it is never read) so its connection is freed. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already errored or locked: nothing left to free.
  }
}

/**
 * A `fetch` that reaches only listed origins. A refused request throws `EgressDeniedError`
 * before any socket opens. Redirects are followed by hand (`redirect: 'manual'`) so each
 * hop is checked against the list; one off the list is refused. A redirect to another
 * (listed) origin drops the credential headers first, as `fetch` itself does, so an API key
 * only ever reaches the origin it was sent to.
 */
export function createEgressFetch(given: EgressFetchOptions): typeof fetch {
  const options = readOptions(given, (field) => `createEgressFetch({ ${field} })`);
  checkEgressOptions(options);
  const allowed = new Set(options.allow.map((entry, i) => parseOrigin(entry, `allow[${i}]`)));
  const allowedList = [...allowed];
  const inner = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? 5;
  // Read once, as Node reads them once at startup.
  const proxySettings = options.proxy ?? { env: { ...process.env }, execArgv: process.execArgv };

  function deny(origin: string, reason: EgressDeniedError['reason']): never {
    try {
      options.onDenied?.({ origin, reason });
    } catch {
      // A failing report must not replace the refusal: under the SDK a stray error reads as a
      // dropped connection, retried and booked as possibly billed.
    }
    throw new EgressDeniedError(origin, reason, allowedList);
  }

  /** `href` resolved against `base` (a redirect's `Location` may be relative), then checked. */
  function check(href: string, reason: 'host_not_listed' | 'redirect_not_listed', base?: URL): URL {
    let url: URL;
    try {
      // Inside the try: a server's malformed `Location` is a denial, not a stray TypeError.
      url = new URL(href, base);
    } catch {
      return deny('(unparseable URL)', 'bad_url');
    }
    // The origin never includes userinfo, so a `https://listed@evil` trick shows as evil.
    if (url.username || url.password) deny(url.origin, 'userinfo_in_url');
    if (!allowed.has(url.origin)) deny(url.origin, reason);
    // The socket goes to the proxy, which sees the request (all of it, for plain http).
    const proxy = envProxyFor(url.protocol, proxySettings);
    if (proxy === 'unparseable') deny('(unparseable proxy URL)', 'bad_url');
    if (proxy && !allowed.has(proxy.origin)) deny(proxy.origin, 'proxy_not_listed');
    return url;
  }

  const guarded = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    let url = check(requestUrl(input), 'host_not_listed');
    // Read only once the origin is allowed; `init` overrides, as it does for `fetch`.
    let requestInit: RequestInit = { ...(await requestParts(input)), ...init, redirect: 'manual' };
    let request: Parameters<typeof fetch>[0] =
      typeof input === 'string' || input instanceof URL ? input : url.href;
    for (let hop = 0; ; hop++) {
      const response = await inner(request, requestInit);
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || location === null) return response;
      // Freed before any refusal below throws: a denied hop must not hold its connection.
      await discard(response);
      if (hop >= maxRedirects) deny(url.origin, 'too_many_redirects');
      const next = check(location, 'redirect_not_listed', url);
      // 303 (and 301/302 after POST, as browsers do) turn into a bodiless GET.
      const method = requestInit.method?.toUpperCase() ?? 'GET';
      const toGet =
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST');
      if (toGet)
        requestInit = { ...withoutHeaders(requestInit, BODY_HEADERS), method: 'GET', body: null };
      // Once dropped they stay dropped, even if a later hop comes back to the first origin.
      if (next.origin !== url.origin) requestInit = withoutHeaders(requestInit, CREDENTIAL_HEADERS);
      url = next;
      request = url.href;
    }
  };
  return guarded as typeof fetch;
}
