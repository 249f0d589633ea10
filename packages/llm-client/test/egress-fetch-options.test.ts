import { describe, expect, it } from 'vitest';
import { createEgressFetch, EgressDeniedError, isPmError } from '../src/index.js';
import { thrown } from './helpers/thrown.js';
import { startRawServer } from './raw-http-server.js';

type Options = Parameters<typeof createEgressFetch>[0];

describe('createEgressFetch options', () => {
  it.each([
    ['no options', undefined, 'options'],
    ['no allow', {}, 'allow'],
    ['an allow that is one string', { allow: 'http://127.0.0.1:8080' }, 'allow'],
    ['maxRedirects NaN', { allow: [], maxRedirects: Number.NaN }, 'maxRedirects'],
    ['maxRedirects negative', { allow: [], maxRedirects: -1 }, 'maxRedirects'],
    [
      'maxRedirects Infinity',
      { allow: [], maxRedirects: Number.POSITIVE_INFINITY },
      'maxRedirects',
    ],
    ['maxRedirects 1.5', { allow: [], maxRedirects: 1.5 }, 'maxRedirects'],
    ['a fetch that is no function', { allow: [], fetch: 'fetch' }, 'fetch'],
    ['an onDenied that is no function', { allow: [], onDenied: true }, 'onDenied'],
    ['a proxy with no execArgv', { allow: [], proxy: { env: {} } }, 'proxy'],
    [
      'a proxy env of numbers',
      { allow: [], proxy: { env: { HTTP_PROXY: 1 }, execArgv: [] } },
      'proxy',
    ],
    ['a proxy that is a string', { allow: [], proxy: 'http://127.0.0.1:3128' }, 'proxy'],
  ])('refuses %s with INVALID_ARGUMENT naming it', (_what, options, field) => {
    const error = thrown(() => createEgressFetch(options as unknown as Options));
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(`createEgressFetch({ ${field} })`);
  });

  it('bounds a redirect loop within the list by maxRedirects', async () => {
    const server = await startRawServer((_req, res) => {
      res.writeHead(302, { location: '/again' }).end();
    });
    try {
      const fetch = createEgressFetch({ allow: [server.origin], maxRedirects: 3 });
      const error = await fetch(`${server.origin}/start`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect((error as EgressDeniedError).reason).toBe('too_many_redirects');
      expect(server.seen).toHaveLength(4);
    } finally {
      await server.close();
    }
  });
});

describe('createEgressFetch onDenied', () => {
  it('a report that throws does not replace the refusal', async () => {
    const server = await startRawServer((_req, res) => {
      res.writeHead(200).end('reached');
    });
    try {
      const fetch = createEgressFetch({
        allow: ['https://api.openai.com'],
        onDenied: () => {
          throw new Error('audit sink down');
        },
      });
      const error = await fetch(`${server.origin}/v1/chat/completions`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect((error as EgressDeniedError).reason).toBe('host_not_listed');
      expect(server.seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
