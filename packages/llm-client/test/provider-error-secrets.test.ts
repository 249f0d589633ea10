import { PmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMEvent, ProviderUnavailableError } from '../src/index.js';
import { failingProvider } from './helpers/failing-provider.js';
import { issuedKey } from './helpers/issued-key.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-provider-error-secrets-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 100 };
const key = issuedKey(7);

// A provider of a host's own quoting its upstream's answer, which echoed the key it was sent.
const failures: Record<string, () => Error> = {
  'a ProviderUnavailableError': () =>
    new ProviderUnavailableError(`upstream refused key ${key}`, { retryable: false, status: 401 }),
  'a retryable ProviderUnavailableError': () =>
    new ProviderUnavailableError(`upstream busy for key ${key}`, { retryable: true, status: 503 }),
  'a PmError of another code': () =>
    new PmError('MISSING_CREDENTIAL', `the vault answered ${key}`, { details: { key } }),
};

/** A call whose provider throws what `fail()` returns, on each of `attempts` attempts. */
async function failedCall(
  fail: () => Error,
  runId: string,
  attempts: number,
): Promise<{ error: Error; events: LLMEvent[] }> {
  const events: LLMEvent[] = [];
  const client = createLLMClient({
    provider: failingProvider(fail),
    policy: localPolicy(),
    ledger: { dir: root, durability: 'none' },
    retry: { attempts, baseMs: 1, maxMs: 1 },
    onEvent: (event) => events.push(event),
  });
  const run = await client.startRun({ runId });
  const error = await rejection(run.generateText(call));
  await run.end();
  return { error, events };
}

describe("a host provider's failure that quotes a secret", () => {
  for (const [name, fail] of Object.entries(failures)) {
    it(`(${name}) reaches the host, its events and the ledger without it`, async () => {
      const runId = name.replace(/\W+/g, '-');
      const { error, events } = await failedCall(fail, runId, 2);
      const original = fail() as PmError;
      expect(error).toBeInstanceOf(original.constructor);
      expect((error as PmError).code).toBe(original.code);
      expect(error.message).toContain('[SECRET:');
      for (const shown of [
        error.message,
        String(error.stack),
        JSON.stringify((error as PmError).details ?? {}),
        JSON.stringify(events),
        JSON.stringify(ledgerRecords(root, runId)),
      ]) {
        expect(shown).not.toContain(key);
      }
      if (
        error instanceof ProviderUnavailableError &&
        original instanceof ProviderUnavailableError
      ) {
        expect(error.status).toBe(original.status);
        expect(error.retryable).toBe(original.retryable);
        expect(error.attempts).toBeGreaterThanOrEqual(1);
      }
    });
  }

  // The message is clean; what else the error carries quotes the key. A host logging the
  // error (with its details, fields and cause) must not find it there either.
  const quietFailures: Record<string, () => Error> = {
    'details quoting it': () =>
      new PmError('MISSING_CREDENTIAL', 'the vault said no', { details: { answer: key } }),
    'a field quoting it': () =>
      Object.assign(new ProviderUnavailableError('refused', { retryable: false, status: 401 }), {
        upstreamBody: `{"error":"bad key ${key}"}`,
      }),
    'a cause quoting it': () =>
      new ProviderUnavailableError(
        'refused',
        { retryable: false },
        { cause: new Error(`401 for key ${key}`) },
      ),
    'a cause of a cause quoting it': () =>
      new PmError('MISSING_CREDENTIAL', 'the vault said no', {
        cause: new Error('fetch failed', { cause: new Error(`sent ${key}`) }),
      }),
  };
  for (const [name, fail] of Object.entries(quietFailures)) {
    it(`a failure whose message is clean but whose ${name} reaches the host without it`, async () => {
      const { error, events } = await failedCall(fail, `quiet-${name.replace(/\W+/g, '-')}`, 1);
      const original = fail() as PmError;
      expect(error).toBeInstanceOf(original.constructor);
      expect((error as PmError).code).toBe(original.code);
      const carried = Object.getOwnPropertyNames(error).map((field) =>
        String((error as unknown as Record<string, unknown>)[field]),
      );
      for (const shown of [
        ...carried,
        JSON.stringify((error as PmError).details ?? {}),
        causeMessages(error),
        JSON.stringify(events),
      ]) {
        expect(shown).not.toContain(key);
      }
    });
  }

  it('a failure without a secret is the same error, untouched', async () => {
    const reason = new PmError('RUNTIME_EXCEEDED', 'the host stopped it', {
      details: { step: 'upload' },
      cause: new Error('deadline'),
    });
    const client = createLLMClient({
      provider: failingProvider(() => reason),
      policy: localPolicy(),
      ledger: { dir: root, durability: 'none' },
    });
    const run = await client.startRun({ runId: 'untouched' });
    await expect(run.generateText(call)).rejects.toBe(reason);
    await run.end();
  });
});

/** The messages of `error`'s causes, down the chain. */
function causeMessages(error: Error): string {
  const messages: string[] = [];
  for (let at: unknown = error.cause; at instanceof Error; at = at.cause) messages.push(at.message);
  return messages.join(' / ');
}
