import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLLMClient, isPmError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, type RawServer, startRawServer } from './raw-http-server.js';

const root = mkdtempSync(join(tmpdir(), 'pm-kill-switch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 100 };
const key = ['test', 'key', 'not', 'secret'].join('-');

async function remote() {
  const server = await startRawServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(chatCompletion('remote')),
  );
  servers.push(server);
  return { server, provider: openaiProvider({ apiKey: key, baseURL: server.baseURL }) };
}

/** Whether a call of a client made with `options` reached the server. */
async function reaches(options: { enabled?: unknown; env?: Record<string, string> }) {
  const { server, provider } = await remote();
  const client = createLLMClient({
    provider,
    policy: localPolicy(),
    ledger: { dir: join(root, 'runs'), durability: 'none' },
    ...(options as { enabled?: boolean; env?: Record<string, string> }),
  });
  const run = await client.startRun();
  const result = await run.generateText(call);
  await run.end();
  expect(result.offline).toBe(server.seen.length === 0);
  expect(client.describe().offline).toBe(server.seen.length === 0);
  return server.seen.length > 0;
}

describe('the kill switch', () => {
  it('refuses an enabled that is not a boolean, when the client is created', async () => {
    const { provider } = await remote();
    for (const enabled of ['false', 0, 1, null, 'true']) {
      let error: unknown;
      try {
        createLLMClient({
          provider,
          policy: localPolicy(),
          ledger: { dir: join(root, 'bad') },
          enabled: enabled as unknown as boolean,
        });
      } catch (e) {
        error = e;
      }
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toContain('createLLMClient({ enabled })');
    }
  });

  it('enabled: false and true, and an absent PM_LLM_OFFLINE, do what they say', async () => {
    expect(await reaches({ enabled: false, env: {} })).toBe(false);
    expect(await reaches({ enabled: true, env: {} })).toBe(true);
    expect(await reaches({ env: {} })).toBe(true);
  });

  it('PM_LLM_OFFLINE fails closed: anything but empty, 0, false, no or off switches remote calls off', async () => {
    for (const value of ['1', 'true', 'YES', 'on', ' On ', 'enable', 'ture', '2']) {
      expect([value, await reaches({ env: { PM_LLM_OFFLINE: value } })]).toEqual([value, false]);
    }
    for (const value of ['', '0', 'false', 'No', ' off ']) {
      expect([value, await reaches({ env: { PM_LLM_OFFLINE: value } })]).toEqual([value, true]);
    }
  });
});
