import { describe, expect, it } from 'vitest';
import {
  createEgressFetch,
  type EgressDenial,
  EgressDeniedError,
  isPmError,
} from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { sayOk } from './helpers/call-provider.js';
import { testApiKey } from './helpers/test-api-key.js';
import { startRawServer } from './raw-http-server.js';

const apiKey = testApiKey('l');

describe('a redirect whose Location cannot be parsed', () => {
  it('is an EgressDeniedError (bad_url), reported, not a TypeError', async () => {
    const server = await startRawServer((_req, res) => {
      res.writeHead(302, { location: 'http://[not-an-ip' }).end();
    });
    try {
      const denials: EgressDenial[] = [];
      const fetch = createEgressFetch({
        allow: [server.origin],
        onDenied: (d) => denials.push(d),
      });
      const error = await fetch(`${server.origin}/start`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect((error as EgressDeniedError).reason).toBe('bad_url');
      expect(denials).toEqual([{ origin: '(unparseable URL)', reason: 'bad_url' }]);
      expect(server.seen).toHaveLength(1);

      // Through the real SDK, the provider reports the denial itself.
      const provider = openaiProvider({ apiKey, baseURL: server.baseURL });
      const failure = await provider.call(sayOk(), { fetch }).catch((e: unknown) => e);
      expect(isPmError(failure) && failure.code).toBe('EGRESS_DENIED');
      expect((failure as EgressDeniedError).reason).toBe('bad_url');
    } finally {
      await server.close();
    }
  });

  it('still resolves a relative Location against the request URL', async () => {
    const server = await startRawServer((req, res) => {
      if (req.url === '/start') res.writeHead(307, { location: '/next' }).end();
      else res.writeHead(200).end(`at ${req.url}`);
    });
    try {
      const fetch = createEgressFetch({ allow: [server.origin] });
      const response = await fetch(`${server.origin}/start`);
      expect(await response.text()).toBe('at /next');
    } finally {
      await server.close();
    }
  });
});
