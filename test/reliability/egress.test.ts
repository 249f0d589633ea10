import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretValue } from '@pm/envelope-schemas';
import { createLLMClient, type LLMClientOptions } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import {
  fakeApiKey,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'pm-egress-'));
const apiKey = new SecretValue(fakeApiKey('egress'), 'test');
let allowed: OpenAICompatibleServer;
let forbidden: OpenAICompatibleServer;

beforeAll(async () => {
  forbidden = await startOpenAICompatibleServer();
  allowed = await startOpenAICompatibleServer((request) =>
    JSON.stringify(request.body?.messages ?? '').includes('bounce')
      ? { kind: 'redirect', location: `${forbidden.baseURL}/chat/completions`, status: 307 }
      : { kind: 'complete' },
  );
});
afterAll(async () => {
  await Promise.all([allowed.close(), forbidden.close()]);
  rmSync(root, { recursive: true, force: true });
});

const localPolicy = (mode: 'local' | 'cloud' | 'hybrid' = 'local') => ({
  schema_version: '1',
  policy_id: `egress-${mode}`,
  execution_mode: mode,
  requires_approval: false,
  max_cost_usd: 1,
  max_runtime_minutes: 5,
  allowed_models: ['gpt-5.2'],
  run_windows: ['daily:00:00-24:00'],
});

let runs = 0;
async function attempt(baseURL: string, options: Partial<LLMClientOptions>, input = 'hello') {
  let provider: ReturnType<typeof openaiProvider>;
  try {
    provider = openaiProvider({ apiKey, baseURL });
  } catch (error) {
    // Refused before any client exists (a baseURL carrying credentials): nothing can be sent.
    return (error as { code?: string }).code ?? 'unknown';
  }
  const client = createLLMClient({
    provider,
    policy: localPolicy(),
    ledger: { dir: root },
    retry: { attempts: 1 },
    ...options,
  });
  const run = await client.startRun({ runId: `egress-${++runs}` });
  const outcome = await run.generateText({ model: 'gpt-5.2', input, maxOutputTokens: 10 }).then(
    () => 'sent',
    (error: { code?: string }) => error.code ?? 'unknown',
  );
  await run.end();
  return outcome;
}

describe('egress allowlist, end to end through the client', () => {
  const figures: string[] = [];
  afterAll(() =>
    console.log(`egress attempts refused before any connection:\n${figures.join('\n')}`),
  );

  it('reaches the listed origin', async () => {
    expect(await attempt(allowed.baseURL, { egress: { allow: [allowed.origin] } })).toBe('sent');
  });

  const port = () => new URL(forbidden.origin).port;
  const cases: [string, () => [string, Partial<LLMClientOptions>, string?]][] = [
    [
      'an unlisted host directly',
      () => [forbidden.baseURL, { egress: { allow: [allowed.origin] } }],
    ],
    [
      'a redirect from the listed host',
      () => [allowed.baseURL, { egress: { allow: [allowed.origin] } }, 'bounce'],
    ],
    [
      'a baseURL override past the gateway (cloud mode)',
      () => [
        forbidden.baseURL,
        { policy: localPolicy('cloud'), egress: { gateway: allowed.origin } },
      ],
    ],
    [
      'a baseURL override with no gateway (hybrid mode)',
      () => [forbidden.baseURL, { policy: localPolicy('hybrid') }],
    ],
    [
      'the userinfo trick',
      () => [
        `http://127.0.0.1:${new URL(allowed.origin).port}@127.0.0.1:${port()}/v1`,
        { egress: { allow: [allowed.origin] } },
      ],
    ],
    [
      'an IP literal for a listed name',
      () => [
        `http://127.0.0.1:${port()}/v1`,
        { egress: { allow: [`http://localhost:${port()}`] } },
      ],
    ],
    [
      'a decimal IP literal',
      () => [
        `http://2130706433:${port()}/v1`,
        { egress: { allow: [`http://localhost:${port()}`] } },
      ],
    ],
    [
      'a short IP literal',
      () => [`http://127.1:${port()}/v1`, { egress: { allow: [`http://localhost:${port()}`] } }],
    ],
    [
      'an IPv6 literal',
      () => [`http://[::1]:${port()}/v1`, { egress: { allow: [`http://localhost:${port()}`] } }],
    ],
  ];

  it.each(cases)('refuses %s, and the listener receives nothing', async (name, make) => {
    const [baseURL, options, input] = make();
    const outcome = await attempt(baseURL, options, input);
    figures.push(
      `  ${name}: ${outcome}, forbidden listener connections ${forbidden.connections()}`,
    );
    expect(['EGRESS_DENIED', 'POLICY_DENIED', 'INVALID_ARGUMENT']).toContain(outcome);
    expect(forbidden.connections()).toBe(0);
  });
});
