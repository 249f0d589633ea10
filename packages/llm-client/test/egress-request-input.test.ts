import { describe, expect, it } from 'vitest';
import { createEgressFetch } from '../src/index.js';
import { testApiKey } from './helpers/test-api-key.js';
import { startRawServer } from './raw-http-server.js';

const apiKey = testApiKey('r');

describe('createEgressFetch given a Request', () => {
  it('a 307 within the origin repeats its method, body and headers', async () => {
    const server = await startRawServer((req, res) => {
      if (req.url === '/start') res.writeHead(307, { location: '/next' }).end();
      else res.writeHead(200).end(`${req.method} ${req.url}`);
    });
    try {
      const fetch = createEgressFetch({ allow: [server.origin] });
      const response = await fetch(
        new Request(`${server.origin}/start`, {
          method: 'POST',
          body: '{"prompt":"hi"}',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        }),
      );
      expect(await response.text()).toBe('POST /next');
      const [first, second] = server.seen;
      expect(second?.body).toBe(first?.body);
      expect(second?.body).toBe('{"prompt":"hi"}');
      expect(second?.headers['content-type']).toBe('application/json');
      expect(second?.headers['x-api-key'] === apiKey).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a 307 to another listed origin repeats the body but not the key', async () => {
    const other = await startRawServer((req, res) => {
      res.writeHead(200).end(`${req.method} ${req.url}`);
    });
    const server = await startRawServer((_req, res) => {
      res.writeHead(307, { location: `${other.origin}/there` }).end();
    });
    try {
      const fetch = createEgressFetch({ allow: [server.origin, other.origin] });
      const response = await fetch(
        new Request(`${server.origin}/start`, {
          method: 'POST',
          body: 'payload',
          headers: { authorization: `Bearer ${apiKey}`, 'x-api-key': apiKey },
        }),
      );
      expect(await response.text()).toBe('POST /there');
      expect(other.seen[0]?.body).toBe('payload');
      expect(other.seen[0]?.headers.authorization).toBeUndefined();
      expect(other.seen[0]?.headers['x-api-key']).toBeUndefined();
    } finally {
      await server.close();
      await other.close();
    }
  });
});
