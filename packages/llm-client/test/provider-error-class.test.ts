import { PmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { createLLMClient, ProviderUnavailableError } from '../src/index.js';
import { AnswerTooLargeError } from '../src/openai.js';
import { failingProvider } from './helpers/failing-provider.js';
import { issuedKey } from './helpers/issued-key.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-provider-error-class-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 100 };
const key = issuedKey(11);

/** A host's own kind of provider failure, with a fact of its own. */
class UpstreamRejected extends ProviderUnavailableError {
  readonly upstream = 'acme';
  constructor(message: string) {
    super(message, { retryable: false, status: 403 });
  }
}

/** A host's own PmError, with a fact of its own and one that quotes what the vault said. */
class VaultError extends PmError {
  readonly vault = 'main';
  readonly answer: { body: string };
  constructor(message: string, body: string) {
    super('MISSING_CREDENTIAL', message);
    this.answer = { body };
  }
}

async function failureOf(fail: () => Error, runId: string, attempts = 1): Promise<Error> {
  const client = createLLMClient({
    provider: failingProvider(fail),
    policy: localPolicy(),
    ledger: { dir: root, durability: 'none' },
    retry: { attempts, baseMs: 1, maxMs: 1 },
  });
  const run = await client.startRun({ runId });
  const error = await rejection(run.generateText(call));
  await run.end();
  return error;
}

describe("a host provider's failure keeps its class", () => {
  it('a ProviderUnavailableError subclass quoting the key: same class and facts, no key', async () => {
    const error = await failureOf(() => new UpstreamRejected(`refused key ${key}`), 'pue-secret');
    expect(error).toBeInstanceOf(UpstreamRejected);
    expect(error.name).toBe('UpstreamRejected');
    const upstream = error as UpstreamRejected;
    expect([upstream.code, upstream.status, upstream.retryable, upstream.attempts]).toEqual([
      'PROVIDER_UNAVAILABLE',
      403,
      false,
      1,
    ]);
    expect(upstream.upstream).toBe('acme');
    expect(error.message).toContain('[SECRET:');
    for (const shown of [error.message, String(error.stack), JSON.stringify(error)]) {
      expect(shown).not.toContain(key);
    }
    expect(String(error.stack).split('\n')[0]).toBe(`UpstreamRejected: ${error.message}`);
  });

  it('a ProviderUnavailableError subclass with nothing secret, retried: still its class', async () => {
    let made = 0;
    const error = await failureOf(
      () => {
        made++;
        return Object.assign(new UpstreamRejected(`busy (${made})`), { retryable: true });
      },
      'pue-clean',
      2,
    );
    expect(error).toBeInstanceOf(UpstreamRejected);
    expect((error as UpstreamRejected).attempts).toBe(2);
    expect((error as UpstreamRejected).upstream).toBe('acme');
    expect(error.message).toBe('busy (2) Gave up after 2 attempt(s).');
  });

  it('a PmError subclass quoting the key: same class and code, its facts kept unless they quote it', async () => {
    const error = await failureOf(
      () => new VaultError(`the vault answered ${key}`, `token=${key}`),
      'pm-secret',
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(error.name).toBe('VaultError');
    expect((error as VaultError).code).toBe('MISSING_CREDENTIAL');
    expect((error as VaultError).vault).toBe('main');
    expect((error as VaultError).answer).toBeUndefined();
    for (const shown of [
      error.message,
      String(error.stack),
      JSON.stringify(error),
      JSON.stringify(ledgerRecords(root, 'pm-secret')),
    ]) {
      expect(shown).not.toContain(key);
    }
  });

  it("the shipped AnswerTooLargeError's own retry copy stays as it was", () => {
    const tooLarge = new AnswerTooLargeError(
      { limitBytes: 2048 },
      { origin: 'https://x.invalid', status: 200, maxOutputTokens: 10, configured: true },
    );
    const after = tooLarge.afterAttempts(1);
    expect(after).toBeInstanceOf(AnswerTooLargeError);
    expect(after.limitBytes).toBe(2048);
  });
});
