import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLLMClient, type LLMEvent, OutputValidationError } from '../src/index.js';
import { outputProblems } from '../src/pipeline/output-problems.js';
import { scriptedProvider } from '../src/testing.js';
import { localPolicy } from './local-policy.js';

const root = mkdtempSync(join(tmpdir(), 'pm-output-problems-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const problemsOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error('expected the value to fail');
  return outputProblems(schema, result.error.issues);
};

describe('an output that fails validation', () => {
  const secretKey = 'Customer Jane Doe, 12 Elm St, card ending 4242 refunded twice';
  const email = 'jane.doe@corp.example';
  const output = JSON.stringify({ summary: 'ok', [secretKey]: true, scores: { [email]: 'high' } });
  const schema = z.strictObject({ summary: z.string(), scores: z.record(z.string(), z.number()) });

  it('never puts the output in the error, the call.failed event or the error record', async () => {
    const events: LLMEvent[] = [];
    const dir = join(root, 'leak');
    const client = createLLMClient({
      provider: scriptedProvider([output]),
      policy: localPolicy(),
      ledger: { dir },
      env: {},
      onEvent: (event) => events.push(event),
    });
    const run = await client.startRun({ runId: 'r' });
    let error: unknown;
    try {
      await run.generateObject({
        model: 'gpt-5.2',
        input: 'x',
        maxOutputTokens: 50,
        schema,
        schemaId: 's@1',
      });
    } catch (e) {
      error = e;
    }
    await run.end();
    expect(error).toBeInstanceOf(OutputValidationError);
    const problems = (error as OutputValidationError).problems;
    expect(problems).toEqual([
      { path: '$.scores.<key>', message: 'expected number, received string' },
      {
        path: '$',
        message: 'has 1 key the schema does not define (not named here: they are model output)',
      },
    ]);
    const failed = events.find((e) => e.type === 'call.failed');
    const record = readFileSync(join(dir, 'r', 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: { message?: string } })
      .find((r) => r.type === 'error');
    for (const text of [
      (error as Error).message,
      JSON.stringify({ schemaId: 's@1', problems }),
      JSON.stringify(failed),
      record?.data.message,
    ]) {
      expect(text).toContain('s@1');
      expect(text).not.toContain('Jane Doe');
      expect(text).not.toContain(email);
      expect(text).not.toContain('high');
    }
  });

  it('keeps schema member names, indices and enum keys in paths; output keys become <key>', () => {
    const nested = z.object({
      items: z.array(z.object({ name: z.string(), tags: z.record(z.string(), z.boolean()) })),
      counts: z.record(z.enum(['open', 'closed']), z.number()),
    });
    const problems = problemsOf(nested, {
      items: [
        { name: 'a', tags: {} },
        { name: 7, tags: { 'private note': 'yes' } },
      ],
      counts: { open: 1, closed: 'two' },
    });
    expect(problems).toEqual([
      { path: '$.items[1].name', message: 'expected string, received number' },
      { path: '$.items[1].tags.<key>', message: 'expected boolean, received string' },
      { path: '$.counts.closed', message: 'expected number, received string' },
    ]);
  });

  it('says what was expected, from the schema only', () => {
    const shaped = z.object({
      kind: z.enum(['a', 'b']),
      title: z.string().min(3),
      code: z.string().regex(/^[A-Z]+$/),
      list: z.array(z.number()).max(1),
      id: z.uuid(),
      event: z.discriminatedUnion('type', [
        z.object({ type: z.literal('x') }),
        z.object({ type: z.literal('y') }),
      ]),
      even: z.number().refine((n) => n % 2 === 0, 'must be even'),
    });
    const problems = problemsOf(shaped, {
      kind: 'secret-c',
      title: 'ab',
      code: 'lower secret',
      list: [1, 2],
      id: 'not-a-uuid-secret',
      event: { type: 'secret-z' },
      even: 3,
    });
    expect(problems).toEqual([
      { path: '$.kind', message: 'expected one of "a" | "b"' },
      { path: '$.title', message: 'expected string to have >= 3 characters' },
      { path: '$.code', message: 'must match the pattern /^[A-Z]+$/' },
      { path: '$.list', message: 'expected array to have <= 1 items' },
      { path: '$.id', message: 'must be in the uuid format' },
      { path: '$.event.type', message: 'expected type to be one of "x" | "y"' },
      { path: '$.even', message: 'fails a refinement: must be even' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('secret');
  });

  it('names the members of a recursive (lazy) schema', () => {
    type Node = { label: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() =>
      z.object({ label: z.string(), children: z.array(node) }),
    );
    expect(problemsOf(node, { label: 'root', children: [{ label: 1, children: [] }] })).toEqual([
      { path: '$.children[0].label', message: 'expected string, received number' },
    ]);
  });
});
