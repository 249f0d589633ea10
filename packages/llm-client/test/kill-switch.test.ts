import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { remoteCallsDisabled } from '../src/client/kill-switch.js';
import { createLLMClient, isPmError } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { replayProvider } from '../src/replay.js';
import { scriptedProvider } from '../src/testing.js';
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

describe('the kill switch and providers that send nothing', () => {
  it('keeps a replay provider: recorded answers replay, an unrecorded request is a replay miss', async () => {
    const recordedDir = join(root, 'ks-recorded');
    const recorder = createLLMClient({
      provider: scriptedProvider(['RECORDED ANSWER'], { remote: true }),
      policy: localPolicy(),
      ledger: { dir: recordedDir },
      env: {},
    });
    const recording = await recorder.startRun({ runId: 'r1' });
    await recording.generateText(call);
    await recording.end();

    for (const switchedOff of [{ env: { PM_LLM_OFFLINE: '1' } }, { enabled: false, env: {} }]) {
      const client = createLLMClient({
        provider: replayProvider({ ledgerDir: recordedDir, runId: 'r1' }),
        policy: localPolicy(),
        ledger: { dir: join(root, 'ks-replayed', String(switchedOff.enabled ?? 'env')) },
        ...switchedOff,
      });
      const run = await client.startRun({ runId: 'r1' });
      const replayed = await run.generateText(call);
      expect(replayed.provider).toBe('replay');
      expect(replayed.output).toBe('RECORDED ANSWER');
      let miss: unknown;
      try {
        await run.generateText({ ...call, input: 'never recorded' });
      } catch (error) {
        miss = error;
      }
      expect(isPmError(miss) && miss.code).toBe('REPLAY_MISS');
      await run.end();
    }
  });

  it('keeps a test double that is not remote, and replaces one that is', async () => {
    const local = scriptedProvider(['double']);
    const kept = createLLMClient({
      provider: local,
      policy: localPolicy(),
      ledger: { dir: join(root, 'ks-double') },
      env: { PM_LLM_OFFLINE: '1' },
    });
    let run = await kept.startRun();
    expect((await run.generateText(call)).output).toBe('double');
    await run.end();
    expect(local.calls).toHaveLength(1);

    const remoteDouble = scriptedProvider(['double'], { remote: true });
    const replaced = createLLMClient({
      provider: remoteDouble,
      policy: localPolicy(),
      ledger: { dir: join(root, 'ks-double') },
      env: { PM_LLM_OFFLINE: '1' },
    });
    run = await replaced.startRun();
    const result = await run.generateText(call);
    await run.end();
    expect(result.offline).toBe(true);
    expect(remoteDouble.calls).toHaveLength(0);
    expect(replaced.describe().endpoints).toEqual([]);
  });
});

describe("the operator's PM_LLM_OFFLINE in process.env", () => {
  /** Runs `body` with `process.env.PM_LLM_OFFLINE` set to `value`, then puts it back as it was. */
  async function withOperatorFlag<T>(value: string | undefined, body: () => Promise<T>) {
    const had = Object.hasOwn(process.env, 'PM_LLM_OFFLINE');
    const before = process.env.PM_LLM_OFFLINE;
    if (value === undefined) delete process.env.PM_LLM_OFFLINE;
    else process.env.PM_LLM_OFFLINE = value;
    try {
      return await body();
    } finally {
      if (had) process.env.PM_LLM_OFFLINE = before;
      else delete process.env.PM_LLM_OFFLINE;
    }
  }

  it('wins over a host env that leaves it out or says 0, and over enabled: true', async () => {
    await withOperatorFlag('1', async () => {
      expect(await reaches({ env: {} })).toBe(false);
      expect(await reaches({ env: { PM_LLM_OFFLINE: '0' } })).toBe(false);
      expect(await reaches({ enabled: true, env: { PM_LLM_OFFLINE: 'off' } })).toBe(false);
      expect(await reaches({})).toBe(false);
    });
  });

  it('left unset or 0, lets a host env switch remote calls off, or leave them on', async () => {
    for (const operator of [undefined, '0']) {
      await withOperatorFlag(operator, async () => {
        expect(await reaches({ env: { PM_LLM_OFFLINE: '1' } })).toBe(false);
        expect(await reaches({ env: {} })).toBe(true);
      });
    }
  });
});

describe('remoteCallsDisabled', () => {
  it('reads the process environment besides the host env: either one switches off', () => {
    const on = { PM_LLM_OFFLINE: '0' };
    const off = { PM_LLM_OFFLINE: '1' };
    expect(remoteCallsDisabled(undefined, {}, off)).toBe(true);
    expect(remoteCallsDisabled(undefined, on, off)).toBe(true);
    expect(remoteCallsDisabled(true, on, off)).toBe(true);
    expect(remoteCallsDisabled(undefined, off, {})).toBe(true);
    expect(remoteCallsDisabled(undefined, undefined, off)).toBe(true);
    expect(remoteCallsDisabled(undefined, on, {})).toBe(false);
    expect(remoteCallsDisabled(undefined, undefined, on)).toBe(false);
    expect(remoteCallsDisabled(false, on, on)).toBe(true);
  });
});
