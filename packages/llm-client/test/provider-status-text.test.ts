import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMEvent, ProviderUnavailableError } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-status-text-');

describe('a provider failure whose status is text', () => {
  it('takes a numeric string as its number, in the error and its details', () => {
    const error = new ProviderUnavailableError('Gateway said 503.', {
      status: '503',
      retryable: true,
    });
    expect(error.status).toBe(503);
    expect(error.details?.status).toBe(503);
    expect(error.afterAttempts(2).status).toBe(503);
  });

  it.each([
    ['Service Unavailable'],
    ['503 '],
    ['5030'],
    ['099'],
    [['sk', 'x'.repeat(30)].join('-')],
  ])('leaves out a status %j that is not three digits', (status) => {
    const error = new ProviderUnavailableError('Gateway failed.', { status, retryable: false });
    expect(error.status).toBeUndefined();
    expect(error.details).not.toHaveProperty('status');
  });

  it("the call.retry event names the retried attempt's status", async () => {
    const events: LLMEvent[] = [];
    let sent = 0;
    const gateway = scriptedProvider(
      [
        () => {
          sent++;
          if (sent > 1) return 'ok';
          throw new ProviderUnavailableError('Gateway said 503.', {
            status: '503',
            retryable: true,
          });
        },
      ],
      { remote: true },
    );
    const client = createLLMClient({
      provider: gateway,
      policy: localPolicy(),
      ledger: { dir: root, durability: 'none' },
      egress: { allow: gateway.origins },
      retry: { baseMs: 1, maxMs: 2 },
      onEvent: (event) => events.push(event),
    });
    const run = await client.startRun();
    const result = await run.generateText({
      model: 'gpt-5.2',
      input: 'Say ok',
      maxOutputTokens: 8,
    });
    expect(result.attempts).toBe(2);
    expect(events.find((e) => e.type === 'call.retry')).toMatchObject({ status: 503 });
    await run.end();
  });
});
