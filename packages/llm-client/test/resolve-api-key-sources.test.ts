import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPmError, SecretValue } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { resolveApiKey } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { callProvider } from './helpers/call-provider.js';
import { testApiKey } from './helpers/test-api-key.js';
import { chatCompletion, useRawServers } from './raw-http-server.js';

const managedKey = testApiKey('m', 'managed');
const envKey = testApiKey('e', 'env');
const serve = useRawServers();

describe('resolveApiKey({ secretProvider }) answers', () => {
  it('takes a SecretValue as the key, not the environment’s, and sends it', async () => {
    const server = await serve(chatCompletion('ok'));
    const env = { OPENAI_API_KEY: envKey };
    const secretProvider = () => new SecretValue(managedKey, 'vault');
    const key = await resolveApiKey({ env, secretProvider });
    expect(key.reveal() === managedKey).toBe(true);
    expect(key.source).toBe('secret-provider');

    const provider = openaiProvider({
      apiKey: () => resolveApiKey({ env, secretProvider }),
      baseURL: server.baseURL,
    });
    await callProvider(provider);
    expect(server.seen[0]!.headers.authorization === `Bearer ${managedKey}`).toBe(true);
  });

  it('refuses an answer that is no key (a response object) instead of using the environment’s', async () => {
    const secretProvider = () => ({ SecretString: managedKey }) as unknown as string;
    const error = (await resolveApiKey({ env: { OPENAI_API_KEY: envKey }, secretProvider }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(isPmError(error) && error.code).toBe('MISSING_CREDENTIAL');
    expect(error.message).toContain('answered a value of type object');
    expect(error.message).not.toContain(managedKey);
    expect(JSON.stringify(error)).not.toContain(managedKey);
  });

  it.each([undefined, null, ''])('looks further when it answers %j', async (answer) => {
    const key = await resolveApiKey({
      env: { OPENAI_API_KEY: envKey },
      secretProvider: () => answer as string | undefined,
    });
    expect(key.source).toBe('env:OPENAI_API_KEY');
  });
});

describe('resolveApiKey({ dotenv }) that cannot be read', () => {
  it('says the file could not be read, not that the key is not set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-dotenv-'));
    try {
      // A folder where the file should be: readable by no one as a file.
      const path = join(dir, '.env');
      mkdirSync(path);
      const error = (await resolveApiKey({ env: {}, dotenv: path }).catch(
        (e: unknown) => e,
      )) as Error;
      expect(isPmError(error) && error.code).toBe('MISSING_CREDENTIAL');
      expect(error.message).toContain(`Could not read ${path} for OPENAI_API_KEY (EISDIR)`);
      // A file that is not there is still only a source without the key.
      const missing = (await resolveApiKey({ env: {}, dotenv: join(dir, 'none') }).catch(
        (e: unknown) => e,
      )) as Error;
      expect(missing.message).toContain('OPENAI_API_KEY is not set');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
