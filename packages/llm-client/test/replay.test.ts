import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretValue } from '@pm/envelope-schemas';
import { fakeApiKey, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLLMClient, type LLMClientOptions, type LLMProvider } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ReplayMissError, replayProvider } from '../src/replay.js';
import { scriptedProvider } from '../src/testing.js';
import { localPolicy } from './local-policy.js';

const root = mkdtempSync(join(tmpdir(), 'pm-replay-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const policy = localPolicy({ policy_id: 'replay-test' });
const schema = z.strictObject({ command: z.string(), modifies_data: z.boolean() });

async function moves(options: LLMClientOptions, runId: string) {
  const run = await createLLMClient({ policy, ...options }).startRun({ runId, stage: 'agent' });
  const text = await run.generateText({
    model: 'gpt-5.2',
    template: 'draft-narrative@1',
    input: 'Throughput section',
    context: { cases: 3000, median_days: 2.5 },
    disclosureLevel: 4,
    maxOutputTokens: 200,
  });
  const object = await run.generateObject({
    model: 'gpt-5.2',
    schema,
    schemaId: 'next-command@1',
    input: 'What next?',
    maxOutputTokens: 100,
  });
  await run.end();
  return { text, object };
}

describe('replayProvider', () => {
  it('replays a recorded run offline with identical outputs and envelopes', async () => {
    let n = 0;
    const server = await startOpenAICompatibleServer((request) =>
      request.body?.response_format
        ? {
            kind: 'complete',
            text: '{"command":"pm-assist variants --top 10","modifies_data":false}',
          }
        : { kind: 'complete', text: `Narrative number ${++n}.` },
    );
    const key = new SecretValue(fakeApiKey('replay'), 'test');
    const recorded = await moves(
      {
        provider: openaiProvider({ apiKey: key, baseURL: server.baseURL }),
        ledger: { dir: join(root, 'recorded') },
      },
      'run-1',
    );
    await server.close();

    const replayed = await moves(
      {
        provider: replayProvider({ ledgerDir: join(root, 'recorded'), runId: 'run-1' }),
        ledger: { dir: join(root, 'replayed') },
      },
      'run-1',
    );
    expect(replayed.text.output).toBe(recorded.text.output);
    expect(replayed.object.object).toEqual(recorded.object.object);
    expect(replayed.text.envelope).toEqual(recorded.text.envelope);
    expect(replayed.object.envelope).toEqual(recorded.object.envelope);
    expect(replayed.text.provider).toBe('replay');
  });

  it("answers only from the run asked for: another run's ledger under its name is damage", async () => {
    const recordedDir = join(root, 'other-recorded');
    const once = { model: 'gpt-5.2', input: 'hello', maxOutputTokens: 10 };
    const other = await createLLMClient({
      policy,
      provider: scriptedProvider(['from the other run']),
      ledger: { dir: recordedDir },
    }).startRun({ runId: 'other' });
    await other.generateText(once);
    await other.end();
    const copies = join(root, 'copies');
    mkdirSync(copies);
    cpSync(join(recordedDir, 'other'), join(copies, 'copied'), { recursive: true });
    symlinkSync(join(recordedDir, 'other'), join(copies, 'linked'));
    for (const runId of ['copied', 'linked']) {
      const run = await createLLMClient({
        policy,
        provider: replayProvider({ ledgerDir: copies, runId }),
        ledger: { dir: join(root, `replayed-${runId}`) },
      }).startRun({ runId });
      await expect(run.generateText(once)).rejects.toMatchObject({
        code: 'LEDGER_CORRUPT',
        message: expect.stringContaining(`belongs to another run, not ${runId}`),
      });
      await run.end();
    }
  });

  it('a request that was not recorded is a ReplayMissError, never a live call', async () => {
    const run = await createLLMClient({
      policy,
      provider: replayProvider({ ledgerDir: join(root, 'recorded'), runId: 'run-1' }),
      ledger: { dir: join(root, 'miss') },
    }).startRun({ runId: 'miss' });
    await expect(
      run.generateText({ model: 'gpt-5.2', input: 'Something new', maxOutputTokens: 10 }),
    ).rejects.toBeInstanceOf(ReplayMissError);
    await run.end();
  });

  it('each run of one client replays the whole recording; one run making a request once more misses', async () => {
    const replay = createLLMClient({
      policy,
      provider: replayProvider({ ledgerDir: join(root, 'recorded'), runId: 'run-1' }),
      ledger: { dir: join(root, 'replayed-twice') },
    });
    const ask = {
      model: 'gpt-5.2',
      template: 'draft-narrative@1',
      input: 'Throughput section',
      context: { cases: 3000, median_days: 2.5 },
      disclosureLevel: 4 as const,
      maxOutputTokens: 200,
      stage: 'agent',
    };
    const first = await replay.startRun({ runId: 'first' });
    const second = await replay.startRun({ runId: 'second' });
    // Interleaved: each run keeps its own place in the recording.
    const a = await first.generateText(ask);
    const b = await second.generateText(ask);
    expect(b.output).toBe(a.output);
    expect(b.envelope).toEqual({ ...a.envelope, run_id: 'second' });
    await expect(first.generateText(ask)).rejects.toThrow(
      /made this request 1 time\(s\) and every recorded outcome was already replayed/,
    );
    await first.end();
    await second.end();
  });

  it('a recorded run that is not there is INVALID_ARGUMENT naming the ledgerDir and runId given', async () => {
    const ledgerDir = join(root, 'recorded');
    const run = await createLLMClient({
      policy,
      provider: replayProvider({ ledgerDir, runId: 'never-recorded' }),
      ledger: { dir: join(root, 'no-recording') },
    }).startRun({ runId: 'no-recording' });
    const pending = run.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 });
    await expect(pending).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // Before: the ledger's "pass a run directory (<dir>/<runId>)", an argument never given.
    await expect(pending).rejects.toThrow(`no recorded run "never-recorded" in ${ledgerDir}`);
    await run.end();
  });

  it.each([
    ['an option misspelt', { ledgerDir: root, runID: 'r' }, 'runID'],
    ['no options', undefined, 'options'],
    ['an empty ledgerDir', { ledgerDir: '', runId: 'r' }, 'ledgerDir'],
    ['runId left out', { ledgerDir: root }, 'runId'],
  ])('%s is INVALID_ARGUMENT naming it, when the provider is made', (_name, options, field) => {
    // Before: a TypeError from path handling ("path" must be of type string).
    expect(() => replayProvider(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field } }),
    );
  });

  it('replays recorded validation failures in place, and a request made more often is a miss', async () => {
    const count = z.strictObject({ n: z.number() });
    const ask = {
      model: 'gpt-5.2',
      input: 'count',
      maxOutputTokens: 20,
      schema: count,
      schemaId: 'n@1',
    };
    const outcomes = async (options: LLMClientOptions, calls: number) => {
      const run = await createLLMClient({ policy, ...options }).startRun({ runId: 'invalid' });
      const out: string[] = [];
      for (let i = 0; i < calls; i++) {
        out.push(
          await run.generateObject(ask).then(
            (r) => `ok ${r.output}`,
            (e: { code: string }) => e.code,
          ),
        );
      }
      await run.end();
      return out;
    };
    const recordedDir = join(root, 'invalid-recorded');
    const recorded = await outcomes(
      { provider: scriptedProvider(['{"n":"x"}', '{"n":1}']), ledger: { dir: recordedDir } },
      2,
    );
    expect(recorded).toEqual(['OUTPUT_VALIDATION', 'ok {"n":1}']);
    const replayed = await outcomes(
      {
        provider: replayProvider({ ledgerDir: recordedDir, runId: 'invalid' }),
        ledger: { dir: join(root, 'invalid-replayed') },
      },
      3,
    );
    expect(replayed).toEqual([...recorded, 'REPLAY_MISS']);
  });

  it('replays a recorded provider failure in its place, so later calls get their own answers', async () => {
    const ask = { model: 'gpt-5.2', input: 'same question', maxOutputTokens: 20 };
    const outcomes = async (options: LLMClientOptions, calls: number) => {
      const run = await createLLMClient({
        policy,
        retry: { attempts: 2, baseMs: 1, maxMs: 2 },
        ...options,
      }).startRun({
        runId: 'failed',
      });
      const out: string[] = [];
      for (let i = 0; i < calls; i++) {
        out.push(
          await run.generateText(ask).then(
            (r) => `ok ${r.output}`,
            (e: { code: string; retryable?: boolean; message: string }) =>
              e.code === 'PROVIDER_UNAVAILABLE'
                ? `${e.code} retryable=${e.retryable} ${e.message.includes('scripted 400')}`
                : e.code,
          ),
        );
      }
      await run.end();
      return out;
    };
    const recordedDir = join(root, 'failed-recorded');
    // The first call fails for good (a 400), the second is retried once and then answers.
    const recorded = await outcomes(
      {
        provider: scriptedProvider([
          { fail: { status: 400, retryable: false, message: 'scripted 400' } },
          { fail: { status: 503, retryable: true } },
          'second',
          'third',
        ]),
        ledger: { dir: recordedDir },
      },
      3,
    );
    expect(recorded).toEqual([
      'PROVIDER_UNAVAILABLE retryable=false true',
      'ok second',
      'ok third',
    ]);
    const provider = replayProvider({ ledgerDir: recordedDir, runId: 'failed' });
    const replayed = await outcomes(
      { provider, ledger: { dir: join(root, 'failed-replayed') } },
      4,
    );
    expect(replayed).toEqual([...recorded, 'REPLAY_MISS']);
  });

  it('does not replay the offline answer of a degraded call: the replaying client degrades again', async () => {
    const ask = { model: 'gpt-5.2', input: 'same question', maxOutputTokens: 20 };
    const outcomes = async (options: LLMClientOptions) => {
      const run = await createLLMClient({ policy, onUnavailable: 'offline', ...options }).startRun({
        runId: 'degraded',
      });
      const out: string[] = [];
      for (let i = 0; i < 2; i++) {
        out.push(
          await run.generateText(ask).then(
            (r) => `${r.degraded ? 'degraded' : 'ok'} ${r.output}`,
            (e: { code: string }) => e.code,
          ),
        );
      }
      await run.end();
      return out;
    };
    const recordedDir = join(root, 'degraded-recorded');
    const recorded = await outcomes({
      provider: scriptedProvider([{ fail: { status: 400, retryable: false } }, 'second']),
      ledger: { dir: recordedDir },
    });
    expect(recorded[0]).toMatch(/^degraded /);
    expect(recorded[1]).toBe('ok second');
    const replayed = await outcomes({
      provider: replayProvider({ ledgerDir: recordedDir, runId: 'degraded' }),
      ledger: { dir: join(root, 'degraded-replayed') },
    });
    expect(replayed).toEqual(recorded);
  });

  it('answers overlapping identical calls in request order, not the order they finished', async () => {
    let n = 0;
    // The first of two identical calls answers last: its response is recorded second.
    const slowFirst: LLMProvider = {
      name: 'slow-first',
      remote: false,
      origins: [],
      describe: () => ({
        name: 'slow-first',
        remote: false,
        endpoints: [],
        credentialSource: 'none',
      }),
      async call(request) {
        const me = ++n;
        await new Promise((resolve) => setTimeout(resolve, me === 1 ? 150 : 5));
        return { text: `answer-${me}`, model: request.model, usage: undefined };
      },
    };
    const ask = { model: 'gpt-5.2', input: 'same question', maxOutputTokens: 20 };
    const byRequest = (results: { requestId: string; output: string }[]) =>
      Object.fromEntries(results.map((r) => [r.requestId, r.output]));
    const recordedDir = join(root, 'overlap-recorded');
    let run = await createLLMClient({
      policy,
      provider: slowFirst,
      ledger: { dir: recordedDir },
    }).startRun({ runId: 'overlap' });
    const recorded = byRequest(await Promise.all([run.generateText(ask), run.generateText(ask)]));
    await run.end();
    expect(recorded).toEqual({ 'req-0001': 'answer-1', 'req-0002': 'answer-2' });

    for (const concurrent of [true, false]) {
      run = await createLLMClient({
        policy,
        provider: replayProvider({ ledgerDir: recordedDir, runId: 'overlap' }),
        ledger: { dir: join(root, `overlap-replayed-${concurrent}`) },
      }).startRun({ runId: 'overlap' });
      const results = concurrent
        ? await Promise.all([run.generateText(ask), run.generateText(ask)])
        : [await run.generateText(ask), await run.generateText(ask)];
      await run.end();
      expect(byRequest(results)).toEqual(recorded);
    }
  });
});
