import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLLMClient, isPmError, offlineProvider, resolveApiKey } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { scriptedProvider } from '../src/testing.js';
import { callProvider } from './helpers/call-provider.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-thrown-names-');
const secret = ['sk', 'proj', 'n'.repeat(40)].join('-');

/** Errors host code may throw whose `name` cannot be shown as it is. */
const oddErrors: [string, () => Error][] = [
  [
    'a name that is not a string',
    () => Object.defineProperty(new Error('x'), 'name', { value: 42 }),
  ],
  ['a name that holds a key', () => Object.assign(new Error('x'), { name: secret })],
  [
    'a name whose getter throws',
    () =>
      Object.defineProperty(new Error('x'), 'name', {
        get() {
          throw new Error(secret);
        },
      }),
  ],
];

describe.each(oddErrors)('host code throwing an error with %s', (label, make) => {
  const dir = join(root, label.replaceAll(' ', '-'));

  it('from its own provider: INTERNAL_ERROR naming the provider, and an error record', async () => {
    const provider = {
      ...scriptedProvider(['unused'], { remote: true, name: 'homemade' }),
      call: async () => {
        throw make();
      },
    };
    const run = await createLLMClient({
      policy: localPolicy(),
      provider,
      ledger: { dir },
    }).startRun({ runId: 'provider' });
    const error = await run
      .generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 50 })
      .catch((e: unknown) => e);
    await run.end();
    expect(isPmError(error) && error.code).toBe('INTERNAL_ERROR');
    expect((error as Error).message).toContain('Provider "homemade" threw an error instead of');
    expect((error as Error).message).not.toContain(secret);
    const failed = ledgerRecords(dir, 'provider').find((r) => r.type === 'error');
    expect(failed?.data).toMatchObject({ code: 'INTERNAL_ERROR', reservation: 'settled' });
  });

  it("from a schema's refinement: named as the schema's", async () => {
    const run = await createLLMClient({
      provider: offlineProvider({ fixtures: { 'a@1': { a: 'x' } } }),
      ledger: { dir },
    }).startRun({ runId: 'schema' });
    const schema = z.strictObject({
      a: z.string().refine(() => {
        throw make();
      }),
    });
    const error = await run
      .generateObject({
        model: 'gpt-5.2',
        input: 'x',
        schema,
        schemaId: 'a@1',
        maxOutputTokens: 50,
      })
      .catch((e: unknown) => e);
    await run.end();
    expect((error as Error).message).toContain('The schema a@1 threw an error while checking');
    expect((error as Error).message).not.toContain(secret);
  });

  it('from an apiKey function or a secret provider: MISSING_CREDENTIAL', async () => {
    const fromKeyFunction = await callProvider(
      openaiProvider({
        apiKey: () => Promise.reject(make()),
        baseURL: 'http://127.0.0.1:59999/v1',
      }),
    ).catch((e: unknown) => e);
    const fromSecretProvider = await resolveApiKey({
      secretProvider: () => Promise.reject(make()),
    }).catch((e: unknown) => e);
    for (const error of [fromKeyFunction, fromSecretProvider]) {
      expect(isPmError(error) && error.code).toBe('MISSING_CREDENTIAL');
      expect((error as Error).message).toContain('(an error)');
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
