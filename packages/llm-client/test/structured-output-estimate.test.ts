import { join } from 'node:path';
import { countTokens } from '@pm/budget';
import { SecretValue } from '@pm/envelope-schemas';
import { startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { testApiKey } from './helpers/test-api-key.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-schema-estimate-');

// A wide schema, as a data-extraction call has: the model is sent every field's name and
// description whatever the rendering, and OpenAI bills them as input.
const descriptions = Array.from(
  { length: 40 },
  (_, i) => `The customer's answer to survey question ${i + 1}, copied word for word`,
);
const schema = z.strictObject(
  Object.fromEntries(descriptions.map((text, i) => [`answer_${i + 1}`, z.string().describe(text)])),
);
const key = new SecretValue(testApiKey('q'), 'env:OPENAI_API_KEY');
const call = { model: 'gpt-5.2', input: 'Extract the answers.', maxOutputTokens: 200 };
const objectCall = { ...call, schema, schemaId: 'survey-answers@1' };

describe('structured output: the response schema is reserved as input', () => {
  it('estimates at least the schema text the model is sent, flagged approximate', async () => {
    const run = await createLLMClient({ ledger: { dir: join(root, 'estimate') } }).startRun({
      runId: 'estimate',
    });
    const plain = await run.estimate(call);
    const structured = await run.estimate(objectCall);
    await run.end();
    const descriptionTokens = countTokens(descriptions.join('\n'), { model: call.model }).tokens;
    expect(structured.inputTokens - plain.inputTokens).toBeGreaterThanOrEqual(descriptionTokens);
    expect(plain.approximate).toBe(false);
    expect(structured.approximate).toBe(true);
  });

  it('a token cap the messages fit but the schema does not refuses before anything is sent', async () => {
    const probe = await createLLMClient({ ledger: { dir: join(root, 'probe') } }).startRun({
      runId: 'probe',
    });
    const plain = await probe.estimate(call);
    await probe.end();
    // Room for the messages, the output ceiling and 100 tokens more: not for 40 descriptions.
    const tokens = plain.inputTokens + call.maxOutputTokens + 100;
    const server = await startOpenAICompatibleServer(() => ({ kind: 'complete', text: '{}' }));
    const dir = join(root, 'cap');
    try {
      const client = createLLMClient({
        provider: openaiProvider({ apiKey: key, baseURL: server.baseURL, timeoutMs: 500 }),
        policy: localPolicy(),
        ledger: { dir },
        budget: { limits: { tokens } },
      });
      const run = await client.startRun({ runId: 'cap' });
      await expect(run.generateObject(objectCall)).rejects.toMatchObject({
        code: 'BUDGET_EXCEEDED',
      });
      await run.end();
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
    const records = ledgerRecords(dir, 'cap');
    expect(records.at(-2)?.data).toMatchObject({ code: 'BUDGET_EXCEEDED', phase: 'reserve' });
  });
});
