import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveApiKey } from '../src/index.js';
import { testApiKey } from './helpers/test-api-key.js';

const envKey = testApiKey('e');
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveApiKey refuses arguments of the wrong type', () => {
  it.each([
    ['a number', 5, 'got 5 (a number)'],
    ['a string', 'TENANT_KEY', 'got "TENANT_KEY" (a string)'],
    ['null', null, 'got null'],
    ['an array', [], 'got an array'],
  ])('options that are %s, rather than reading OPENAI_API_KEY', async (_kind, options, said) => {
    // Before: resolveApiKey(5) resolved this key, as if it had been given no options.
    vi.stubEnv('OPENAI_API_KEY', envKey);
    const error = await resolveApiKey(options as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'options' } });
    expect((error as Error).message).toContain(
      'resolveApiKey(options) takes an object ({ name, env, dotenv, secretProvider })',
    );
    expect((error as Error).message).toContain(said);
  });

  it.each([
    ['name', null, 'got null'],
    ['name', 5, 'got 5 (a number)'],
    ['name', '', 'got "" (a string)'],
    ['env', null, 'got null'],
    ['env', 'OPENAI_API_KEY', 'got "OPENAI_API_KEY" (a string)'],
    ['dotenv', 1, 'got 1 (a number)'],
    ['dotenv', null, 'got null'],
    ['secretProvider', 'vault', 'got "vault" (a string)'],
    ['secretProvider', null, 'got null'],
  ])('%s: %s is refused, naming the option', async (name, value, said) => {
    vi.stubEnv('OPENAI_API_KEY', envKey);
    const error = await resolveApiKey({ [name]: value } as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: name } });
    expect((error as Error).message).toContain(`resolveApiKey({ ${name} }) must be`);
    expect((error as Error).message).toContain(said);
  });

  it('no options, or options left undefined, still read OPENAI_API_KEY', async () => {
    vi.stubEnv('OPENAI_API_KEY', envKey);
    expect((await resolveApiKey()).reveal()).toBe(envKey);
    expect((await resolveApiKey({ name: undefined, env: undefined })).reveal()).toBe(envKey);
  });
});
