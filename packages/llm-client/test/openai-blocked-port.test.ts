import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { openaiProvider } from '../src/openai.js';
import { testApiKey } from './helpers/test-api-key.js';
import { thrown } from './helpers/thrown.js';

const apiKey = testApiKey('p');

/** Why `fetch` failed for a request to `port` on 127.0.0.1 (nothing is listening there). */
async function fetchFailure(port: number): Promise<string> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
    return 'answered';
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? String(error);
  }
}

describe('openaiProvider({ baseURL }) on a port fetch refuses', () => {
  it.each([6000, 5060, 10080, 587])(
    'refuses port %i when the provider is created, naming the port',
    async (port) => {
      // What every call would have met: fetch fails before connecting, with a bare "bad port".
      expect(await fetchFailure(port)).toBe('bad port');
      const error = thrown(() =>
        openaiProvider({ apiKey, baseURL: `http://127.0.0.1:${port}/v1` }),
      );
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain(`uses port ${port}, which fetch refuses to connect to`);
      expect(error.message).toMatch(/another port/);
    },
  );

  it.each([
    'http://127.0.0.1:8080/v1',
    'http://127.0.0.1:6001/v1',
    'https://api.openai.com/v1',
    'http://gateway.internal/v1',
  ])('takes %s', (baseURL) => {
    expect(openaiProvider({ apiKey, baseURL }).origins).toEqual([new URL(baseURL).origin]);
  });

  it('refuses exactly the ports fetch refuses, around each one it refuses', async () => {
    for (const port of [1, 25, 4190, 6679, 6697, 10080]) {
      for (const near of [port - 1, port, port + 1].filter((p) => p > 0)) {
        const refused = (await fetchFailure(near)) === 'bad port';
        const created = (() => {
          try {
            openaiProvider({ apiKey, baseURL: `http://127.0.0.1:${near}/v1` });
            return true;
          } catch {
            return false;
          }
        })();
        expect({ port: near, created }).toEqual({ port: near, created: !refused });
      }
    }
  });
});
