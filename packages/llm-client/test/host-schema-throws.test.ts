import { expect, it } from 'vitest';
import { z } from 'zod';
import { createLLMClient, isPmError } from '../src/index.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';

const root = tempRoot('pm-host-schema-');

it("a host schema that throws while checking the output is named as the host's, never quoting it", async () => {
  const schema = z.strictObject({ command: z.string() }).refine((value) => {
    throw new TypeError(`cannot check ${JSON.stringify(value)}`);
  });
  const run = await createLLMClient({ ledger: { dir: root } }).startRun({ runId: 'throws' });
  const error = await run
    .generateObject({
      model: 'gpt-5.2',
      schema,
      schemaId: 'next-command@1',
      input: 'next?',
      maxOutputTokens: 100,
    })
    .catch((e: unknown) => e);
  await run.end();
  expect(isPmError(error) && error.code).toBe('INTERNAL_ERROR');
  const message = (error as Error).message;
  expect(message).toContain(
    'The schema next-command@1 threw a TypeError while checking the output',
  );
  expect(message).not.toContain('report this as a bug');
  expect(message).not.toContain('cannot check');
  const records = ledgerRecords(root, 'throws');
  expect(records.map((r) => r.type)).toEqual([
    'run_start',
    'request',
    'response',
    'error',
    'run_end',
  ]);
  expect(records[2]?.data.valid).toBe(false);
  expect(records[3]?.data).toMatchObject({ phase: 'validate', message });
});
