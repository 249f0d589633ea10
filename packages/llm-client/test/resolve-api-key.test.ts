import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { isPmError } from '@pm/envelope-schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { MissingCredentialError, resolveApiKey } from '../src/index.js';

const canary = `sk-proj-${'CANARY'}${'x7Yq2'.repeat(8)}`;
const dir = mkdtempSync(join(tmpdir(), 'pm-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveApiKey', () => {
  it('refuses an option it does not take: a misspelt name would resolve another key', async () => {
    const env = { OPENAI_API_KEY: canary, TENANT_KEY: `${canary}-tenant` };
    const pending = resolveApiKey({ nmae: 'TENANT_KEY', env } as never);
    // Before: OPENAI_API_KEY was resolved, a key but not the one asked for.
    await expect(pending).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'nmae' },
    });
    await expect(pending).rejects.toThrow('the options are name, env, dotenv, secretProvider');
  });

  it('reads the environment and returns a wrapper that never prints the key', async () => {
    const key = await resolveApiKey({ env: { OPENAI_API_KEY: canary } });
    expect(key.reveal()).toBe(canary);
    expect(key.source).toBe('env:OPENAI_API_KEY');
    for (const text of [String(key), JSON.stringify({ key }), inspect(key)]) {
      expect(text).toBe(text.includes('{') ? '{"key":"[REDACTED]"}' : '[REDACTED]');
    }
  });

  it('refuses without a key, showing the export line and the offline alternative', async () => {
    const error = await resolveApiKey({ env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect(isPmError(error) && error.code).toBe('MISSING_CREDENTIAL');
    const message = (error as Error).message;
    expect(message).toContain('export OPENAI_API_KEY="..."');
    expect(message).toContain('offline');
  });

  it('treats an empty or blank variable as missing', async () => {
    await expect(resolveApiKey({ env: { OPENAI_API_KEY: '  ' } })).rejects.toBeInstanceOf(
      MissingCredentialError,
    );
  });

  it('reads a .env file only when the host opts in', async () => {
    const file = join(dir, '.env');
    writeFileSync(file, `# dev only\nOPENAI_API_KEY="${canary}"\n`);
    await expect(resolveApiKey({ env: {} })).rejects.toBeInstanceOf(MissingCredentialError);
    const key = await resolveApiKey({ env: {}, dotenv: file });
    expect(key.reveal()).toBe(canary);
    expect(key.source).toBe('dotenv');
  });

  it('asks the secret provider on every call and prefers it', async () => {
    let calls = 0;
    const secretProvider = (name: string) => {
      calls++;
      return name === 'OPENAI_API_KEY' ? `${canary}-${calls}` : undefined;
    };
    const first = await resolveApiKey({ env: { OPENAI_API_KEY: 'env-key' }, secretProvider });
    const second = await resolveApiKey({ env: {}, secretProvider });
    expect([first.reveal(), second.reveal()]).toEqual([`${canary}-1`, `${canary}-2`]);
    expect(first.source).toBe('secret-provider');
  });

  it('does not leak a failing secret provider message', async () => {
    const secretProvider = () => {
      throw new Error(`vault said: token ${canary} expired`);
    };
    const error = (await resolveApiKey({ secretProvider }).catch((e: unknown) => e)) as Error;
    expect(isPmError(error)).toBe(true);
    expect(error.message).not.toContain('CANARY');
    expect(error.cause).toBeUndefined();
  });

  it('rejects keys with whitespace or control characters inside, without echoing them', async () => {
    const error = (await resolveApiKey({ env: { OPENAI_API_KEY: `${canary}\r\nX: y` } }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).not.toContain('CANARY');
  });
});
