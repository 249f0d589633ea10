import { type AddressInfo, createServer } from 'node:net';
import { SecretValue } from '@pm/envelope-schemas';
import {
  type Behaviour,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterEach, describe, expect, it } from 'vitest';
import { createEgressFetch, EgressDeniedError, ProviderUnavailableError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';

const key = new SecretValue(`sk-proj-${'CANARY'}${'q9W3e'.repeat(9)}`, 'test');
const servers: OpenAICompatibleServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(
  script: (index: number) => Behaviour,
  api: 'chat' | 'responses' = 'chat',
  timeoutMs = 2000,
) {
  const server = await startOpenAICompatibleServer((_r, i) => script(i));
  servers.push(server);
  const provider = openaiProvider({ apiKey: key, baseURL: server.baseURL, api, timeoutMs });
  const fetch = createEgressFetch({ allow: provider.origins });
  return { server, provider, fetch };
}

const request = {
  requestId: 'req-1',
  model: 'gpt-5.2',
  messages: [
    { role: 'system' as const, content: 'You are terse.' },
    { role: 'user' as const, content: 'Say ok.' },
  ],
  maxOutputTokens: 64,
  reasoningEffort: 'low' as const,
};

async function failure(promise: Promise<unknown>) {
  return (await promise.catch((e: unknown) => e)) as Error;
}

describe('openaiProvider against a loopback server with the real SDK', () => {
  it.each(['chat', 'responses'] as const)(
    '%s: returns text, model and usage, one attempt',
    async (api) => {
      const { server, provider, fetch } = await setup(
        () => ({
          kind: 'complete',
          text: 'ok',
          usage: {
            input_tokens: 20,
            cached_input_tokens: 8,
            output_tokens: 12,
            reasoning_tokens: 5,
          },
        }),
        api,
      );
      const result = await provider.call(request, { fetch });
      expect(result.text).toBe('ok');
      expect(result.model).toBe('gpt-5.2');
      expect(result.usage).toEqual({
        input_tokens: 20,
        cached_input_tokens: 8,
        output_tokens: 12,
        reasoning_tokens: 5,
      });
      expect(server.requests).toHaveLength(1);
      const sent = server.requests[0]!;
      expect(sent.path).toBe(api === 'chat' ? '/v1/chat/completions' : '/v1/responses');
      expect(sent.headers.authorization === `Bearer ${key.reveal()}`).toBe(true);
      if (api === 'chat') {
        expect(sent.body).toMatchObject({ max_completion_tokens: 64, reasoning_effort: 'low' });
      } else {
        expect(sent.body).toMatchObject({ max_output_tokens: 64, reasoning: { effort: 'low' } });
      }
    },
  );

  it('sends structured-output requests in strict JSON-Schema mode', async () => {
    const { server, provider, fetch } = await setup(() => ({ kind: 'complete', text: '{"a":1}' }));
    const schema = {
      type: 'object',
      properties: { a: { type: 'integer' } },
      required: ['a'],
      additionalProperties: false,
    };
    await provider.call({ ...request, responseFormat: { name: 'thing', schema } }, { fetch });
    expect(server.requests[0]!.body?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'thing', schema, strict: true },
    });
  });

  it.each(['gpt-4o', 'gpt-5-chat-latest', 'gpt-5.2-chat-latest', 'ft:gpt-4o-mini:acme::x1'])(
    'does not send reasoning_effort to %s, which rejects it',
    async (model) => {
      const { server, provider, fetch } = await setup(() => ({ kind: 'complete' }));
      await provider.call({ ...request, model }, { fetch });
      expect(server.requests[0]!.body).not.toHaveProperty('reasoning_effort');
    },
  );

  it.each(['o4-mini', 'gpt-5.2', 'ft:o4-mini-2025-04-16:acme::x1'])(
    'sends reasoning_effort to %s, a reasoning model (a fine-tune is its base model)',
    async (model) => {
      const { server, provider, fetch } = await setup(() => ({ kind: 'complete' }));
      await provider.call({ ...request, model }, { fetch });
      expect(server.requests[0]!.body).toMatchObject({ reasoning_effort: 'low' });
    },
  );

  it('maps 429 with Retry-After to a retryable error, without retrying itself', async () => {
    const { server, provider, fetch } = await setup(() => ({
      kind: 'status',
      status: 429,
      retryAfter: '2',
    }));
    const error = (await failure(provider.call(request, { fetch }))) as ProviderUnavailableError;
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect([error.status, error.retryable, error.retryAfterMs]).toEqual([429, true, 2000]);
    expect(server.requests).toHaveLength(1);
  });

  it('maps 500 to retryable and 400 to not retryable', async () => {
    const { provider, fetch } = await setup((i) => ({
      kind: 'status',
      status: i === 0 ? 500 : 400,
    }));
    expect(
      ((await failure(provider.call(request, { fetch }))) as ProviderUnavailableError).retryable,
    ).toBe(true);
    expect(
      ((await failure(provider.call(request, { fetch }))) as ProviderUnavailableError).retryable,
    ).toBe(false);
  });

  it('maps a hang and a reset after the request arrived to retryable, possibly billed failures', async () => {
    const { server, provider, fetch } = await setup(
      (i) => (i === 0 ? { kind: 'hang' } : { kind: 'reset' }),
      'chat',
      300,
    );
    const timeout = (await failure(provider.call(request, { fetch }))) as ProviderUnavailableError;
    // The request went out: OpenAI may bill it though no answer came back in time.
    expect([timeout.retryable, timeout.possiblyBilled]).toEqual([true, true]);
    expect(timeout.message).toBe(
      'The OpenAI call timed out before any answer; it may have been billed. Raise timeoutMs if the model needs longer (long outputs, high reasoningEffort).',
    );
    const reset = (await failure(provider.call(request, { fetch }))) as ProviderUnavailableError;
    // The server had the whole request when it dropped the connection.
    expect(server.requests[1]?.body?.model).toBe('gpt-5.2');
    expect([reset.retryable, reset.possiblyBilled]).toEqual([true, true]);
    expect(reset.message).toBe(
      `The connection to ${server.origin} (UND_ERR_SOCKET) failed after the request may have reached it; it may have been billed.`,
    );
  });

  it('maps a refused connection to a retryable failure that was not billed', async () => {
    // A port that was just listened on and closed: connecting to it is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const provider = openaiProvider({ apiKey: key, baseURL: `http://127.0.0.1:${port}/v1` });
    const fetch = createEgressFetch({ allow: provider.origins });
    const refused = (await failure(provider.call(request, { fetch }))) as ProviderUnavailableError;
    expect(refused).toBeInstanceOf(ProviderUnavailableError);
    expect([refused.retryable, refused.possiblyBilled]).toEqual([true, false]);
    expect(refused.message).toBe(
      `Could not reach http://127.0.0.1:${port} (ECONNREFUSED): the connection failed before the request was sent. Check the provider baseURL and that the host is reachable from here.`,
    );
  });

  it.each(['malformed', 'wrong-content-type'] as const)(
    'fails closed on a %s body',
    async (kind) => {
      const { provider, fetch } = await setup(() => ({ kind }));
      const error = (await failure(provider.call(request, { fetch }))) as ProviderUnavailableError;
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error.retryable).toBe(false);
    },
  );

  it('refuses a redirect to another host; that host receives nothing', async () => {
    const other = await startOpenAICompatibleServer();
    servers.push(other);
    const { provider, fetch } = await setup(() => ({
      kind: 'redirect',
      location: `${other.baseURL}/chat/completions`,
    }));
    const error = await failure(provider.call(request, { fetch }));
    expect(error).toBeInstanceOf(EgressDeniedError);
    expect(other.connections()).toBe(0);
  });

  it('never lets the key out through an error that echoes it', async () => {
    const { provider, fetch } = await setup(() => ({ kind: 'echo-headers' }));
    const error = (await failure(provider.call(request, { fetch }))) as ProviderUnavailableError;
    expect(error.status).toBe(401);
    const everything = `${error.message} ${JSON.stringify(error)} ${String(error.cause)} ${error.stack}`;
    expect(everything).not.toContain(key.reveal());
    expect(everything).not.toContain('CANARY');
    expect(error.message).toContain('[REDACTED]');
  });

  it('scrubs other secrets a provider error echoes back (e.g. from the prompt)', async () => {
    const token = `ghp_${'A1b2C3d4E5f6'.repeat(3)}`;
    const { provider, fetch } = await setup(() => ({
      kind: 'status',
      status: 400,
      body: { error: { message: `prompt contained ${token}`, type: 'invalid_request_error' } },
    }));
    const error = (await failure(provider.call(request, { fetch }))) as ProviderUnavailableError;
    expect(error.message).not.toContain(token);
    expect(error.message).toContain('[SECRET:github]');
  });

  it('describes its endpoint and credential source, never the key', () => {
    const provider = openaiProvider({ apiKey: key });
    expect(provider.describe()).toEqual({
      name: 'openai',
      remote: true,
      endpoints: [{ origin: 'https://api.openai.com', purpose: 'chat completions' }],
      credentialSource: 'test',
    });
  });
});
