import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-approver-answers-');

/** A remote call gated by `requires_approval`, answered by `answer`. */
async function gatedCall(name: string, answer: unknown) {
  const provider = scriptedProvider(['ok'], { remote: true });
  const client = createLLMClient({
    provider,
    policy: localPolicy({ requires_approval: true }),
    approve: () => answer as never,
    ledger: { dir: join(root, name) },
    env: {},
  });
  const run = await client.startRun({ runId: 'r' });
  const error = await rejection(
    run.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 10 }),
  );
  await run.end();
  return { error, provider };
}

describe('an approver whose answer is not a decision', () => {
  it.each([
    ['true', true, '$ must be an object'],
    ['{ approved: true }', { approved: true }, '$.decision'],
    [
      'a decision without its time',
      {
        schema_version: '1',
        approver: 'alice',
        decision: 'approve',
        scope: ['call'],
        reason: 'ok',
      },
      '$.decided_at',
    ],
  ])(
    '%s: denied, saying what is wrong and what a decision looks like',
    async (name, answer, path) => {
      const { error, provider } = await gatedCall(name.replace(/\W+/g, '-'), answer);
      expect(error).toMatchObject({ code: 'APPROVAL_DENIED' });
      // Before: only "returned an invalid decision (SCHEMA_INVALID)".
      expect(error.message).toContain(path);
      expect(error.message).toContain(
        "Return an ApprovalDecisionV1: { schema_version: '1', approver, decision: 'approve' or 'deny', scope: ['call'], reason, decided_at (an ISO time) }.",
      );
      expect(provider.calls).toHaveLength(0);
    },
  );

  it('names the problems, never the values the approver returned', async () => {
    const approver = `ops-${'q'.repeat(12)}@example.com`;
    const { error } = await gatedCall('values', { schema_version: '1', approver, decision: 'yes' });
    expect(error.message).toContain('$.decision');
    expect(error.message).not.toContain(approver);
    expect(error.message).not.toContain('yes');
  });
});
