import { afterEach, describe, expect, it } from 'vitest';
import { envProxyFor, envProxyInEffect } from '../src/egress/env-proxy.js';
import { createEgressFetch, EgressDeniedError } from '../src/index.js';
import { useRawServers } from './raw-http-server.js';

const serve = useRawServers();
const proxyUser = ['proxy', 'user'].join('-');
const proxyPass = ['pw', 'Xy7'].join('-');

describe('Node environment proxy (NODE_USE_ENV_PROXY, --use-env-proxy)', () => {
  it('counts NODE_USE_ENV_PROXY and --use-env-proxy (argv or NODE_OPTIONS), not 0 or empty', () => {
    const on = (env: Record<string, string>, execArgv: string[] = []) =>
      envProxyInEffect({ env, execArgv });
    expect(on({ NODE_USE_ENV_PROXY: '1' })).toBe(true);
    expect(on({ NODE_USE_ENV_PROXY: 'true' })).toBe(true);
    expect(on({}, ['--use-env-proxy'])).toBe(true);
    expect(on({ NODE_OPTIONS: '--max-old-space-size=512 --use-env-proxy' })).toBe(true);
    expect(on({ NODE_USE_ENV_PROXY: '0' })).toBe(false);
    expect(on({ NODE_USE_ENV_PROXY: '' })).toBe(false);
    expect(on({ HTTPS_PROXY: 'http://proxy.internal:3128' })).toBe(false);
  });

  it('picks the proxy as undici does: lower case first, https falls back to the http proxy', () => {
    const env = { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: 'http://p.internal:3128' };
    const settings = { env, execArgv: [] };
    expect(envProxyFor('https:', settings)).toEqual({ origin: 'http://p.internal:3128' });
    expect(
      envProxyFor('https:', { ...settings, env: { ...env, https_proxy: 'http://s.internal:1' } }),
    ).toEqual({ origin: 'http://s.internal:1' });
    expect(envProxyFor('http:', { ...settings, env: { NODE_USE_ENV_PROXY: '1' } })).toBeUndefined();
    expect(envProxyFor('http:', { ...settings, env: { ...env, HTTP_PROXY: 'not a url' } })).toBe(
      'unparseable',
    );
  });

  it('refuses a listed origin when Node would send it through an unlisted proxy', async () => {
    const target = await serve((_req, res) => res.writeHead(200).end('ok'));
    const proxy = await serve((_req, res) => res.writeHead(200).end('proxied'));
    const proxyUrl = new URL(proxy.origin);
    proxyUrl.username = proxyUser;
    proxyUrl.password = proxyPass;
    const settings = {
      env: { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxyUrl.href },
      execArgv: [],
    };
    const guarded = createEgressFetch({ allow: [target.origin], proxy: settings });
    const error = await guarded(`${target.origin}/v1/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressDeniedError);
    expect(error).toMatchObject({ reason: 'proxy_not_listed', origin: proxy.origin });
    expect((error as Error).message).not.toContain(proxyPass);
    expect(target.seen).toHaveLength(0);
    // Listed, the proxy is allowed (here Node 20 ignores the variable and goes direct).
    const both = createEgressFetch({ allow: [target.origin, proxy.origin], proxy: settings });
    expect((await both(`${target.origin}/v1/x`)).status).toBe(200);
  });

  describe('by default reads process.env when the guard is made', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['NODE_USE_ENV_PROXY', 'HTTP_PROXY']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });
    it('refuses with NODE_USE_ENV_PROXY=1 and an unlisted HTTP_PROXY', async () => {
      const target = await serve((_req, res) => res.writeHead(200).end('ok'));
      process.env.NODE_USE_ENV_PROXY = '1';
      process.env.HTTP_PROXY = 'http://127.0.0.1:9';
      const guarded = createEgressFetch({ allow: [target.origin] });
      await expect(guarded(`${target.origin}/`)).rejects.toMatchObject({
        reason: 'proxy_not_listed',
        origin: 'http://127.0.0.1:9',
      });
    });
  });
});
