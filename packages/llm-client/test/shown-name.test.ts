import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient, isPmError, type LLMEvent } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { shownName } from '../src/shown-name.js';
import { issuedKey } from './helpers/issued-key.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { thrown } from './helpers/thrown.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-shown-name-');
const key = issuedKey(7);
const fragment = key.slice(8, 30);

describe('a key given where a name goes is not quoted', () => {
  it('shownName: a name as written (cut at 64), a key by its length', () => {
    expect(shownName('gpt-5.2')).toBe('gpt-5.2');
    expect(shownName('m'.repeat(100))).toBe(`${'m'.repeat(64)}...`);
    expect(shownName(key)).toBe(`(${key.length} characters that look like a key)`);
    expect(shownName(5)).toBe('a number');
  });

  it('as the model: not in the error, the call.failed event or the ledger', async () => {
    const events: LLMEvent[] = [];
    const dir = join(root, 'model');
    const run = await createLLMClient({
      policy: localPolicy(),
      ledger: { dir, durability: 'none' },
      onEvent: (event) => events.push(event),
    }).startRun({ runId: 'model' });
    const error = await run
      .generateText({ model: key, input: 'hi', maxOutputTokens: 5 })
      .catch((e: unknown) => e);
    await run.end();
    expect(isPmError(error) && error.code).toBe('POLICY_DENIED');
    expect((error as Error).message).toContain(
      `Model "(${key.length} characters that look like a key)"`,
    );
    expect(
      JSON.stringify([(error as Error).message, (error as { details: unknown }).details]),
    ).not.toContain(fragment);
    expect(JSON.stringify(events)).not.toContain(fragment);
    expect(JSON.stringify(ledgerRecords(dir, 'model'))).not.toContain(fragment);
  });

  it('as a template id or an option name', async () => {
    const run = await createLLMClient({
      policy: localPolicy(),
      ledger: { dir: join(root, 'names') },
    }).startRun();
    const errors = [
      await run
        .generateText({ model: 'gpt-5.2', template: key, maxOutputTokens: 5 })
        .catch((e: unknown) => e),
      await run
        .generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 5, [key]: true } as never)
        .catch((e: unknown) => e),
      thrown(() => createLLMClient({ [key]: true } as never)),
      thrown(() => openaiProvider({ [key]: true } as never)),
    ];
    await run.end();
    expect(errors).toHaveLength(4);
    for (const error of errors) {
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect(
        JSON.stringify([(error as Error).message, (error as { details: unknown }).details]),
      ).not.toContain(fragment);
    }
  });
});
