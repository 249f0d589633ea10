import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLLMClient, type LLMClientOptions } from '../src/index.js';
import { replayProvider } from '../src/replay.js';
import { scriptedProvider } from '../src/testing.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

// Counts the hashes actually computed: the pipeline and the replay provider reach the hash
// through request-hash-once.ts, which imports it from this module.
const hashes = vi.hoisted(() => ({ computed: 0 }));
vi.mock('../src/pipeline/request-hash.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/pipeline/request-hash.js')>();
  return {
    ...real,
    requestHash: (...args: Parameters<typeof real.requestHash>) => {
      hashes.computed++;
      return real.requestHash(...args);
    },
  };
});

const root = tempRoot('pm-replay-hash-');
const policy = localPolicy({ policy_id: 'replay-hash-test' });
const schema = z.strictObject({ command: z.string(), modifies_data: z.boolean() });

/** Three calls (two identical); their outputs, and the hashes computed while they ran. */
async function threeCalls(options: LLMClientOptions) {
  const run = await createLLMClient({ policy, ...options }).startRun({ runId: 'hashed' });
  hashes.computed = 0;
  const ask = { model: 'gpt-5.2', input: 'Throughput section', maxOutputTokens: 50 };
  const outputs = [
    (await run.generateText(ask)).output,
    (await run.generateText(ask)).output,
    (
      await run.generateObject({
        model: 'gpt-5.2',
        schema,
        schemaId: 'next-command@1',
        input: 'What next?',
        maxOutputTokens: 100,
      })
    ).output,
  ];
  const computed = hashes.computed;
  await run.end();
  return { outputs, computed };
}

describe('the request hash', () => {
  it('is computed once per call, recording and replaying', async () => {
    const recorded = await threeCalls({
      provider: scriptedProvider([
        'first',
        'second',
        '{"command":"pm-assist variants --top 10","modifies_data":false}',
      ]),
      ledger: { dir: join(root, 'recorded') },
    });
    expect(recorded.computed).toBe(3);
    // Replay hashes each request for its recorded effort and for its answer, and the
    // pipeline for the request record: the same hash, taken once.
    const replayed = await threeCalls({
      provider: replayProvider({ ledgerDir: join(root, 'recorded'), runId: 'hashed' }),
      ledger: { dir: join(root, 'replayed') },
    });
    expect(replayed.outputs).toEqual(recorded.outputs);
    expect(replayed.computed).toBe(3);
  });
});

describe('the replay provider called by a host', () => {
  it('answers a request object changed since its last call by what it now asks', async () => {
    const scripted = scriptedProvider(['answer A', 'answer B']);
    const recording = await createLLMClient({
      policy,
      provider: scripted,
      ledger: { dir: join(root, 'host-calls') },
    }).startRun({ runId: 'host-calls' });
    await recording.generateText({ model: 'gpt-5.2', input: 'A', maxOutputTokens: 20 });
    await recording.generateText({ model: 'gpt-5.2', input: 'B', maxOutputTokens: 20 });
    await recording.end();
    const [a, b] = scripted.calls.map(({ signal: _signal, ...request }) => request);

    const replay = replayProvider({ ledgerDir: join(root, 'host-calls'), runId: 'host-calls' });
    const request = { ...a! };
    const context = { fetch: globalThis.fetch };
    expect((await replay.call(request, context)).text).toBe('answer A');
    // The same object, now asking what the second call asked.
    request.messages = b!.messages;
    expect((await replay.call(request, context)).text).toBe('answer B');
  });
});
