import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { createEgressFetch } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { issuedKey } from './helpers/issued-key.js';
import { testApiKey } from './helpers/test-api-key.js';
import { thrown } from './helpers/thrown.js';
import { chatCompletion, useRawServers } from './raw-http-server.js';

const apiKey = testApiKey('b');
// Built at run time: the repository's secret scanner refuses token-shaped literals.
const token = ['gw', 'tok', 'z'.repeat(24)].join('_');

const serve = useRawServers();

describe('openaiProvider({ baseURL }) with a query or fragment', () => {
  it.each(['?api-version=2024-10-21', '?', '#section-x'])(
    'refuses %j before any request, since the SDK would append the endpoint after it',
    async (suffix) => {
      const server = await serve(chatCompletion('ok'));
      const error = thrown(() => openaiProvider({ apiKey, baseURL: `${server.baseURL}${suffix}` }));
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('query or fragment');
      expect(error.message).not.toContain(suffix.slice(1) || '\u0000');
      expect(server.seen).toHaveLength(0);
      // Without it, the request reaches /v1/chat/completions.
      const provider = openaiProvider({ apiKey, baseURL: server.baseURL });
      await callProvider(provider);
      expect(server.seen[0]!.url).toBe('/v1/chat/completions');
    },
  );
});

describe('URL errors do not quote a token in the query', () => {
  it.each([
    [
      'a baseURL without its scheme',
      () => openaiProvider({ baseURL: `gw.internal/v1?key=${token}` }),
    ],
    [
      'a baseURL with a mistyped scheme',
      () => openaiProvider({ baseURL: `htps://gw.internal/v1?key=${token}` }),
    ],
    [
      'a baseURL with a token in the query',
      () => openaiProvider({ baseURL: `https://gw.internal/v1?key=${token}` }),
    ],
    ['an egress allow entry', () => createEgressFetch({ allow: [`gw.internal#key=${token}`] })],
  ])('%s', (_what, make) => {
    const error = thrown(make);
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('still shows the host part, to say what was wrong', () => {
    const error = thrown(() => openaiProvider({ baseURL: `gw.internal/v1?key=${token}` }));
    expect(error.message).toContain('"gw.internal/v1?..."');
    expect(error.message).toContain('"https://gw.internal/v1?..."');
  });
});

describe('URL errors do not quote a key given in place of the URL', () => {
  const key = issuedKey(11);
  const body = key.slice('sk-proj-'.length);

  it.each([
    ['a baseURL', () => openaiProvider({ apiKey, baseURL: key })],
    ['an egress allow entry', () => createEgressFetch({ allow: [key] })],
  ])('%s that is a key (e.g. the two variables swapped)', (_what, make) => {
    const error = thrown(make);
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('which is not an http(s) URL');
    expect(error.message).toContain(`a string of ${key.length} characters that looks like a key`);
    expect(error.message).not.toContain(key.slice(0, 16));
    expect(error.message).not.toContain(body.slice(0, 12));
  });
});
