import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, ProviderUnavailableError } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-answer-size-any-provider-');
/** The default bound of openaiProvider for `maxOutputTokens: 1`: 1 MiB plus 64 bytes. */
const BOUND = 1024 * 1024 + 64;
const usage = { input_tokens: 5, cached_input_tokens: 0, output_tokens: 1, reasoning_tokens: 0 };

async function answer(runId: string, text: string, remote = true) {
  const provider = scriptedProvider([{ text, usage }], { remote });
  const client = createLLMClient({
    provider,
    policy: localPolicy(),
    ledger: { dir: root, durability: 'none' },
    retry: { attempts: 3, baseMs: 1, maxMs: 1 },
  });
  const run = await client.startRun({ runId });
  const outcome = await run
    .generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 1 })
    .catch((error: unknown) => error as Error);
  await run.end();
  return { outcome, provider, records: ledgerRecords(root, runId) };
}

/** How many artifacts the run stored. */
function artifactCount(runId: string): number {
  return readdirSync(join(root, runId, 'artifacts', 'sha256'), {
    recursive: true,
    withFileTypes: true,
  }).filter((entry) => entry.isFile()).length;
}

describe("an answer's text above the bound, from any provider", () => {
  it('fails the call (PROVIDER_UNAVAILABLE, not retried), stores nothing of it, books the worst case', async () => {
    // Two-byte characters: the bound is in UTF-8 bytes, not characters.
    const text = 'é'.repeat(BOUND / 2 + 1);
    const { outcome, provider, records } = await answer('over', text);
    expect(outcome).toBeInstanceOf(ProviderUnavailableError);
    expect(isPmError(outcome) && outcome.code).toBe('PROVIDER_UNAVAILABLE');
    expect((outcome as Error).message).toContain(`${BOUND + 2} bytes`);
    expect((outcome as Error).message).toContain(`${BOUND} bytes`);
    expect(provider.calls).toHaveLength(1);
    expect(records.some((r) => r.type === 'response')).toBe(false);
    const error = records.find((r) => r.type === 'error');
    expect(error?.data).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', phase: 'call' });
    expect(error?.data.reservation).toBe('settled');
    expect(error?.data.usage).toBeUndefined(); // booked at its worst case
    expect(artifactCount('over')).toBe(1); // the prompt only
  });

  it('holds for a provider that sends nothing too', async () => {
    const { outcome } = await answer('over-local', 'x'.repeat(BOUND + 1), false);
    expect(outcome).toBeInstanceOf(ProviderUnavailableError);
  });

  it('an answer of exactly the bound is returned', async () => {
    const { outcome, records } = await answer('at', 'x'.repeat(BOUND));
    expect((outcome as { output: string }).output).toHaveLength(BOUND);
    expect(records.some((r) => r.type === 'response')).toBe(true);
  });
});
