/** Where an environment proxy would take a request: its origin, or `unparseable`. */
export type EnvProxy = { origin: string } | 'unparseable';

/** The environment and flags Node reads to decide whether `fetch` goes through a proxy. */
export interface ProxySettings {
  env: Readonly<Record<string, string | undefined>>;
  execArgv: readonly string[];
}

const OFF = new Set(['', '0']);

/**
 * Whether Node routes `fetch` through the proxy of `HTTP(S)_PROXY`: `NODE_USE_ENV_PROXY`
 * or `--use-env-proxy` (on the command line or in `NODE_OPTIONS`). Node 22.21+ and 24+
 * honour them; they are counted on every version (fail closed), since a host that sets them
 * expects its traffic to go through the proxy.
 */
export function envProxyInEffect({ env, execArgv }: ProxySettings): boolean {
  const variable = env.NODE_USE_ENV_PROXY;
  if (variable !== undefined && !OFF.has(variable.trim())) return true;
  const flag = (arg: string) => arg === '--use-env-proxy';
  return execArgv.some(flag) || (env.NODE_OPTIONS ?? '').split(/\s+/).some(flag);
}

/**
 * The proxy a request with `protocol` would be sent through, as undici's `EnvHttpProxyAgent`
 * picks it (lower-case names first; https falls back to the http proxy), or undefined when
 * none is in effect. `NO_PROXY` is not consulted: a request it exempts goes direct to a
 * listed origin anyway, so requiring the proxy to be listed only ever refuses more.
 */
export function envProxyFor(protocol: string, settings: ProxySettings): EnvProxy | undefined {
  if (!envProxyInEffect(settings)) return undefined;
  const { env } = settings;
  const http = env.http_proxy || env.HTTP_PROXY;
  const value = protocol === 'https:' ? env.https_proxy || env.HTTPS_PROXY || http : http;
  if (!value) return undefined;
  try {
    // The origin only: a proxy URL may carry a user name and password.
    return { origin: new URL(value).origin };
  } catch {
    return 'unparseable';
  }
}
