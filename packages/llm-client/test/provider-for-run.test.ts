import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, type LLMProvider } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { tempRoot } from './helpers/temp-root.js';

const root = tempRoot('pm-for-run-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 };

describe("a provider's forRun", () => {
  it('gives each run its own provider: called once per startRun with the run id', async () => {
    const perRun = new Map<string, ReturnType<typeof scriptedProvider>>();
    const shared = scriptedProvider(['shared']);
    const provider: LLMProvider = {
      ...shared,
      forRun(runId) {
        const own = scriptedProvider([`answer of ${runId}`]);
        perRun.set(runId, own);
        return own;
      },
    };
    const client = createLLMClient({ provider, ledger: { dir: join(root, 'own') } });
    const a = await client.startRun({ runId: 'a' });
    const b = await client.startRun({ runId: 'b' });
    expect((await a.generateText(call)).output).toBe('answer of a');
    expect((await b.generateText(call)).output).toBe('answer of b');
    expect([...perRun.keys()]).toEqual(['a', 'b']);
    expect(perRun.get('a')?.calls).toHaveLength(1);
    expect(shared.calls).toHaveLength(0);
    await Promise.all([a.end(), b.end()]);
  });

  it("a run provider unlike the client's (remote where it was not) is refused before the run exists", async () => {
    const offline = scriptedProvider(['ok']);
    const provider: LLMProvider = {
      ...offline,
      forRun: () => scriptedProvider(['ok'], { remote: true }),
    };
    const dir = join(root, 'unlike');
    const error = await createLLMClient({ provider, ledger: { dir } })
      .startRun({ runId: 'r' })
      .catch((e: unknown) => e);
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(
      /forRun returned an object, not a provider like itself/,
    );
    // Nothing of the run was written (no ledger left locked).
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('under the kill switch a remote provider is replaced before forRun is asked', async () => {
    let asked = 0;
    const remote = scriptedProvider(['remote'], { remote: true });
    const provider: LLMProvider = {
      ...remote,
      forRun: () => {
        asked++;
        return remote;
      },
    };
    const client = createLLMClient({
      provider,
      ledger: { dir: join(root, 'kill-switch') },
      env: { PM_LLM_OFFLINE: '1' },
    });
    const run = await client.startRun({ runId: 'r' });
    const result = await run.generateText(call);
    expect(result.offline).toBe(true);
    expect(asked).toBe(0);
    expect(remote.calls).toHaveLength(0);
    await run.end();
  });

  it('a forRun that throws fails startRun with its error, leaving nothing of the run', async () => {
    const failure = new Error('no run state');
    const provider: LLMProvider = {
      ...scriptedProvider(['ok']),
      forRun: () => {
        throw failure;
      },
    };
    const dir = join(root, 'throws');
    const client = createLLMClient({ provider, ledger: { dir } });
    await expect(client.startRun({ runId: 'r' })).rejects.toBe(failure);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it("estimate and the calls of a run use its provider; describe() the client's", async () => {
    const checkedBy: string[] = [];
    const own: LLMProvider = {
      ...scriptedProvider(['own']),
      checkRequest: () => void checkedBy.push('run'),
    };
    const provider: LLMProvider = {
      ...scriptedProvider(['shared']),
      checkRequest: () => void checkedBy.push('client'),
      forRun: () => own,
    };
    const client = createLLMClient({ provider, ledger: { dir: join(root, 'estimate') } });
    const run = await client.startRun({ runId: 'r' });
    await run.estimate(call);
    expect((await run.generateText(call)).output).toBe('own');
    expect(checkedBy).toEqual(['run', 'run']);
    expect(client.describe().provider.name).toBe('scripted');
    await run.end();
  });
});
