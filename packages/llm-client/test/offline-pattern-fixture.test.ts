import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLLMClient, isPmError, offlineProvider } from '../src/index.js';
import { schemaExample } from '../src/offline/example-from-schema.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';

const root = tempRoot('pm-offline-pattern-');
const schema = z.strictObject({
  code: z.string().regex(/^[A-Z]{3}-\d{2}$/),
  items: z.array(z.strictObject({ id: z.string().regex(/^id-\d+$/), note: z.string() })).min(1),
  free: z.string(),
});
const jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
const call = { model: 'gpt-5.2', input: 'x', schema, schemaId: 'code@1', maxOutputTokens: 50 };

describe('an offline structured call whose schema has a pattern', () => {
  it('schemaExample names the paths whose pattern it does not meet', () => {
    expect(schemaExample(jsonSchema).unsolved).toEqual(['$.code', '$.items[0].id']);
    const solved = z.strictObject({ code: z.string().regex(/^offline/) });
    expect(schemaExample(z.toJSONSchema(solved) as Record<string, unknown>).unsolved).toEqual([]);
  });

  it('asks for a fixture, not OUTPUT_VALIDATION of a model output', async () => {
    const run = await createLLMClient({ ledger: { dir: root, durability: 'none' } }).startRun({
      runId: 'pattern',
    });
    const error = await run.generateObject(call).catch((e: unknown) => e);
    await run.end();
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toContain(
      'it does not write strings to match a pattern ($.code, $.items[0].id)',
    );
    expect((error as Error).message).toContain('offlineProvider({ fixtures:');
    const failed = ledgerRecords(root, 'pattern').find((r) => r.type === 'error');
    expect(failed?.data).toMatchObject({ code: 'INVALID_ARGUMENT', phase: 'call' });
  });

  it('answers with the fixture when given one', async () => {
    const fixture = { code: 'ABC-12', items: [{ id: 'id-1', note: 'n' }], free: 'f' };
    const run = await createLLMClient({
      provider: offlineProvider({ fixtures: { 'code@1': fixture } }),
      ledger: { dir: root, durability: 'none' },
    }).startRun({ runId: 'fixture' });
    expect((await run.generateObject(call)).object).toEqual(fixture);
    await run.end();
  });
});
