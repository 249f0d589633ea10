import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLLMClient, type LLMClientOptions } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';

const root = mkdtempSync(join(tmpdir(), 'pm-bad-input-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The code and message of what `action` threw (synchronously or as a rejection). */
async function failure(action: () => unknown): Promise<{ code: unknown; message: string }> {
  try {
    await action();
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
  throw new Error('expected a failure');
}

describe('createLLMClient options', () => {
  it.each([
    ['not an object', 'options', 'x'],
    ['ledger.dir a number', 'ledger.dir', { ledger: { dir: 42 } }],
    ['a provider without its methods', 'provider', { provider: {} }],
    ['onUnavailable misspelt', 'onUnavailable', { onUnavailable: 'offlin' }],
    ['an option misspelt', 'onUnavaliable', { onUnavaliable: 'offline' }],
    ['a ledger option misspelt', 'ledger.durabilty', { ledger: { durabilty: 'strict' } }],
    ['retry.attempts 0', 'retry.attempts', { retry: { attempts: 0 } }],
    // `retry` takes whole ms up to a Node timer's limit: these failed every call, after its
    // budget reservation and its request record, and never reached the provider.
    ['retry.baseMs 1.5', 'retry.baseMs', { retry: { baseMs: 1.5 } }],
    ['retry.maxMs Infinity', 'retry.maxMs', { retry: { maxMs: Number.POSITIVE_INFINITY } }],
    [
      'retry.maxRetryAfterMs 2^31',
      'retry.maxRetryAfterMs',
      { retry: { maxRetryAfterMs: 2 ** 31 } },
    ],
    ['approve not a function', 'approve', { approve: true }],
    // Before: accepted, and the run went without a monthly cap, on the default profile, or
    // with the default egress list.
    ['a budget option misspelt', 'budget.perod', { budget: { perod: { month: { usd: 5 } } } }],
    ['a redaction option misspelt', 'redaction.profle', { redaction: { profle: 'strict' } }],
    ['an egress option misspelt', 'egress.alow', { egress: { alow: [] } }],
    // Before: refused only by the first startRun.
    ['a negative monthly cap', 'period.month.usd', { budget: { period: { month: { usd: -5 } } } }],
    ['a negative run cap', 'limits.usd', { budget: { limits: { usd: -1 } } }],
    ['an unknown durability', 'durability', { ledger: { durability: 'fast' } }],
    // Before: left out as falsy, so the reservations expired after the default 10 minutes.
    ['a reservation TTL of 0', 'reservationTtlMs', { budget: { reservationTtlMs: 0 } }],
  ])('%s is INVALID_ARGUMENT naming %s', async (_name, field, options) => {
    const { code, message } = await failure(() =>
      createLLMClient(options as unknown as LLMClientOptions),
    );
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toContain(field);
  });

  it("openaiProvider({ api }) other than 'chat' or 'responses' is INVALID_ARGUMENT", async () => {
    const api = 'chatt' as 'chat';
    const { code, message } = await failure(() => openaiProvider({ apiKey: 'sk-x', api }));
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toContain("'responses'");
  });
});

describe('call options', () => {
  async function run(name: string) {
    const dir = join(root, name);
    const started = await createLLMClient({ ledger: { dir } }).startRun({ runId: name });
    const lastRecord = () => {
      const lines = readFileSync(join(dir, name, 'ledger.jsonl'), 'utf8')
        .trim()
        .split('\n');
      return JSON.parse(lines.at(-1)!) as { type: string; data: Record<string, unknown> };
    };
    return { run: started, lastRecord };
  }

  it.each([
    ['maxOutputTokens left out', 'maxOutputTokens', { model: 'gpt-5.2', input: 'hi' }],
    ['maxOutputTokens 0', 'maxOutputTokens', { model: 'gpt-5.2', maxOutputTokens: 0 }],
    ['model left out', 'model', { maxOutputTokens: 10 }],
    ['input not a string', 'input', { model: 'gpt-5.2', input: 42, maxOutputTokens: 10 }],
    // Before: an option spelt as in other SDKs was ignored, and the model asked about nothing.
    ['an option of another SDK', 'prompt', { model: 'gpt-5.2', maxOutputTokens: 10, prompt: 'hi' }],
    [
      'an option misspelt',
      'reasoningEfort',
      { model: 'gpt-5.2', maxOutputTokens: 10, input: 'hi', reasoningEfort: 'low' },
    ],
    ['nothing to send', 'input', { model: 'gpt-5.2', maxOutputTokens: 10 }],
    ['only a blank input', 'input', { model: 'gpt-5.2', maxOutputTokens: 10, input: ' \n' }],
    [
      'a bigint in the context',
      '$.<key>[1] (bigint)',
      { model: 'gpt-5.2', maxOutputTokens: 10, context: { rows: [1, 2n] } },
    ],
    [
      'a Map in the context',
      'a Map',
      { model: 'gpt-5.2', maxOutputTokens: 10, context: { by: new Map([['a', 1]]) } },
    ],
    [
      'disclosureLevel 7',
      'disclosureLevel',
      { model: 'gpt-5.2', maxOutputTokens: 10, disclosureLevel: 7 },
    ],
  ])('%s is INVALID_ARGUMENT naming %s, recorded, nothing reserved', async (name, field, call) => {
    const { run: r, lastRecord } = await run(`call-${name.replace(/\W+/g, '-')}`);
    const { code, message } = await failure(() => r.generateText(call as never));
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toContain(field);
    expect(lastRecord()).toMatchObject({ type: 'error', data: { code: 'INVALID_ARGUMENT' } });
    expect((await r.usage()).scopes[0]!.reserved.requests).toBe(0);
    await r.end();
  });

  it('a context with back-references is checked once per object and sent', async () => {
    // 8 children pointing back at their root: walked path by path, 8^64 paths.
    const root: Record<string, unknown> = { kind: 'root' };
    root.children = Array.from({ length: 8 }, (_, i) => ({ kind: `c${i}`, parent: root }));
    const { run: r } = await run('back-references');
    const result = await r.generateText({ model: 'gpt-5.2', maxOutputTokens: 10, context: root });
    expect(result.offline).toBe(true);
    await r.end();
  });

  it('a response schema JSON Schema cannot express is INVALID_ARGUMENT naming the schema', async () => {
    const { run: r } = await run('date-schema');
    const { code, message } = await failure(() =>
      r.generateObject({
        model: 'gpt-5.2',
        input: 'When?',
        maxOutputTokens: 50,
        schema: z.object({ at: z.date() }),
        schemaId: 'when@1',
      }),
    );
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toContain('when@1');
    expect(message).toContain('z.iso.datetime()');
    await r.end();
  });

  it.each([
    ['without a schema', 'schema', { schemaId: 'answer@1' }],
    ['with a schema that is not zod', 'schema', { schema: { type: 'object' }, schemaId: 'a@1' }],
    ['without a schemaId', 'schemaId', { schema: z.object({ a: z.string() }) }],
    [
      'with a schemaId that is not <name>@<version>',
      'schemaId',
      { schema: z.object({ a: z.string() }), schemaId: 'Answer v1' },
    ],
  ])(
    'generateObject %s is INVALID_ARGUMENT naming %s, before anything is stored',
    async (name, field, options) => {
      const { run: r, lastRecord } = await run(`object-${name.replace(/\W+/g, '-')}`);
      const { code, message } = await failure(() =>
        r.generateObject({
          model: 'gpt-5.2',
          input: 'hi',
          maxOutputTokens: 10,
          ...options,
        } as never),
      );
      expect(code).toBe('INVALID_ARGUMENT');
      expect(message).toContain(field);
      // Refused at the checks: no request id taken, no prompt stored, nothing returned unvalidated.
      expect(lastRecord()).toMatchObject({ type: 'error', data: { phase: 'policy' } });
      expect(lastRecord().data.request_id).toBeUndefined();
      await r.end();
    },
  );

  it('generateText with a schema is INVALID_ARGUMENT: the schema would not be used as asked', async () => {
    const { run: r, lastRecord } = await run('text-with-schema');
    const schema = z.object({ a: z.string() });
    // Before: the output was validated, but recorded as text@1 and returned without its object.
    const { code, message } = await failure(() =>
      r.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10, schema } as never),
    );
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toContain('generateObject');
    expect(lastRecord()).toMatchObject({ type: 'error', data: { phase: 'policy' } });
    await r.end();
  });

  it('estimate without options is INVALID_ARGUMENT, not a TypeError', async () => {
    const { run: r } = await run('estimate-no-options');
    const { code, message } = await failure(() => r.estimate(undefined as never));
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toContain('must be an object');
    await r.end();
  });

  it('a move without its goal or section rejects with INVALID_ARGUMENT naming it', async () => {
    const { run: r } = await run('move-no-goal');
    const disclosure = { level: 1, profile: 'homebrew@1', schema: [] };
    // Before: sent, and billed on a remote provider, with an empty goal.
    const goal = r.interpretGoal({ model: 'gpt-5.2', disclosure } as never);
    await expect(goal).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(goal).rejects.toThrow(/\{ goal \}/);
    const section = r.draftNarrative({ model: 'gpt-5.2', disclosure, section: ' ' } as never);
    await expect(section).rejects.toThrow(/\{ section \}/);
    await r.end();
  });

  it('a move given an option it does not take rejects with INVALID_ARGUMENT naming it', async () => {
    const { run: r } = await run('move-unknown-option');
    const disclosure = { level: 1, profile: 'homebrew@1', schema: [] };
    // Before: the misspelt ceiling was ignored and the move's default (900 tokens) reserved.
    const pending = r.draftNarrative({
      model: 'gpt-5.2',
      disclosure,
      section: 'Throughput',
      maxOutputToken: 50,
    } as never);
    await expect(pending).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(pending).rejects.toThrow(/maxOutputToken is not an option/);
    // The move's own text is one of its options; another move's is not.
    const goal = r.interpretGoal({
      model: 'gpt-5.2',
      disclosure,
      goal: 'x',
      section: 'y',
    } as never);
    await expect(goal).rejects.toThrow(/section is not an option; .*, goal\./);
    await r.end();
  });

  it('a move without its disclosure rejects with INVALID_ARGUMENT', async () => {
    const { run: r } = await run('move-no-disclosure');
    const pending = r.interpretGoal({ model: 'gpt-5.2', goal: 'Find delays' } as never);
    await expect(pending).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(pending).rejects.toThrow(/buildDisclosure/);
    await r.end();
  });
});
