import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-request-ids-');

describe('request ids', () => {
  it('every id a call takes is named by one of its records, so the ids have no false gaps', async () => {
    const dir = join(root, 'gaps');
    const run = await createLLMClient({ policy: localPolicy(), ledger: { dir } }).startRun({
      runId: 'r',
    });
    const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 };
    // Fails while the prompt is rendered, after the call passed its checks and the policy.
    await expect(
      run.generateText({ ...call, template: 'no-such-template@1' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const ok = await run.generateText(call);
    await run.end();
    const named = ledgerRecords(dir, 'r')
      .map((r) => r.data.request_id)
      .filter((id) => id !== undefined);
    expect(ok.requestId).toBe('req-0002');
    expect(new Set(named)).toEqual(new Set(['req-0001', 'req-0002']));
    expect(ledgerRecords(dir, 'r').find((r) => r.type === 'error')?.data).toMatchObject({
      request_id: 'req-0001',
      phase: 'render',
    });
  });
});
