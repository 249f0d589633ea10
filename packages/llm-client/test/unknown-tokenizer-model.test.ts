import { defaultPriceTable, priceTable } from '@pm/budget';
import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-unknown-tokenizer-model-');
const call = { input: 'hi', maxOutputTokens: 10 };

describe('a model the tokenizer does not know', () => {
  it("is refused with advice a client user can follow, not the budget API's encoding option", async () => {
    // A gateway alias, priced by the host: only the tokenizer does not know it.
    const gpt4o = defaultPriceTable.rows.find((row) => row.model === 'gpt-4o')!;
    const prices = priceTable({
      version: 'host-1',
      date: '2026-12-01',
      rows: [...defaultPriceTable.rows, { ...gpt4o, model: 'prod-alias' }],
    });
    const client = createLLMClient({
      provider: scriptedProvider(['ok'], { remote: true }),
      policy: localPolicy({ allowed_models: ['prod-alias'] }),
      ledger: { dir: root, durability: 'none' },
      budget: { prices },
    });
    const run = await client.startRun();
    for (const attempt of [
      run.generateText({ ...call, model: 'prod-alias' }),
      run.estimate({ ...call, model: 'prod-alias' }),
    ]) {
      const error = await rejection(attempt);
      expect(error).toMatchObject({ code: 'UNKNOWN_MODEL' });
      expect(error.message).toContain('"prod-alias"');
      expect(error.message).toContain('gpt-4o');
      expect(error.message).not.toContain('encoding');
    }
    await run.end();
  });

  it('a key given as the model is not quoted by the dry run', async () => {
    // Short enough for a model name (an issued key is not: the envelope refuses it first).
    const key = ['sk', 'proj', 'A1b2C3d4'.repeat(6)].join('-');
    const run = await createLLMClient({ ledger: { dir: root, durability: 'none' } }).startRun();
    const error = await rejection(run.estimate({ ...call, model: key }));
    expect(error).toMatchObject({ code: 'UNKNOWN_MODEL' });
    expect(
      `${error.message}${error.stack}${JSON.stringify((error as { details?: unknown }).details)}`,
    ).not.toContain(key);
    await run.end();
  });
});
