import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveApiKey } from '../src/index.js';
import { issuedKey } from './helpers/issued-key.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';

const root = tempRoot('pm-resolve-name-shown-');
// The key handed over where its variable's name goes: `name: process.env.OPENAI_API_KEY`.
const key = issuedKey(11);

/** Everything of `error` a host may log. */
function shown(error: Error): string {
  const { variable, details } = error as Error & { variable?: unknown; details?: unknown };
  return JSON.stringify({ message: error.message, stack: error.stack, variable, details });
}

describe('resolveApiKey given a key where a name or path goes', () => {
  it('a name that is a key: MISSING_CREDENTIAL naming it by its length only', async () => {
    const error = await rejection(resolveApiKey({ name: key, env: {} }));
    expect(error).toMatchObject({ code: 'MISSING_CREDENTIAL' });
    expect(error.message).toContain(`(${key.length} characters that look like a key)`);
    expect(shown(error)).not.toContain(key);
  });

  it('the secret provider still gets the name as given, and its failure does not quote it', async () => {
    const asked: string[] = [];
    const error = await rejection(
      resolveApiKey({
        name: key,
        env: {},
        secretProvider: (name) => {
          asked.push(name);
          throw new Error('vault down');
        },
      }),
    );
    expect(asked).toEqual([key]);
    expect(error).toMatchObject({ code: 'MISSING_CREDENTIAL' });
    expect(shown(error)).not.toContain(key);
  });

  it('the environment is still read under the name as given', async () => {
    const secret = await resolveApiKey({ name: 'MY_KEY', env: { MY_KEY: key } });
    expect(secret.reveal()).toBe(key);
  });

  it('a dotenv path that is a key: not quoted, whether missing or unreadable', async () => {
    const missing = await rejection(resolveApiKey({ env: {}, dotenv: join(root, key) }));
    expect(missing).toMatchObject({ code: 'MISSING_CREDENTIAL' });
    expect(shown(missing)).not.toContain(key);
    const folder = join(root, 'dir', key);
    mkdirSync(folder, { recursive: true });
    const unreadable = await rejection(resolveApiKey({ env: {}, dotenv: folder }));
    expect(unreadable.message).toContain('EISDIR');
    expect(shown(unreadable)).not.toContain(key);
  });

  it('a plain name and path are still quoted in full', async () => {
    const path = join(root, 'a-rather-long-folder-name-for-this-test', 'another-level', '.env');
    const error = await rejection(resolveApiKey({ name: 'ACME_KEY', env: {}, dotenv: path }));
    expect(error.message).toContain('ACME_KEY is not set');
    expect(error.message).toContain(path);
  });
});
