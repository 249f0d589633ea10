import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, ProviderUnavailableError } from '../src/index.js';
import { statusAdvice } from '../src/openai/status-advice.js';
import { failingProvider } from './helpers/failing-provider.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-retry-after-cap-');

describe('a provider asking for a wait above retry.maxRetryAfterMs', () => {
  it('fails the call after that attempt, without waiting or retrying early', async () => {
    const provider = failingProvider(
      () =>
        new ProviderUnavailableError('quota resets tomorrow', {
          retryable: true,
          retryAfterMs: 100_000_000,
        }),
    );
    const client = createLLMClient({
      provider,
      policy: localPolicy(),
      ledger: { dir: join(root, 'ledger'), durability: 'none' },
      // A cap far above what the call may take, even on a loaded machine that loads the
      // tokenizer slowly: waiting it would outlast the test's timeout.
      retry: { attempts: 3, maxRetryAfterMs: 60_000 },
    });
    const run = await client.startRun({ runId: 'r' });
    const started = Date.now();
    const error = await run
      .generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 })
      .catch((e: unknown) => e);
    await run.end();
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(provider.calls()).toBe(1);
    // Well under the 60 s cap: it did not wait the cap and retry.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('is what the advice of a retryable status says', () => {
    const advice = statusAdvice(429, { quotaExhausted: false, retryable: true, waitMs: 5_000 });
    expect(advice).toContain('above retry.maxRetryAfterMs');
  });
});
