import type { ApprovalDecisionV1, ApprovalScope } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { createLLMClient, type LLMEvent } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-approval-fields-');

// Built at run time: personal data in a free-text reason, the case decision 0009 is about.
const email = ['dana.reviewer', 'example.com'].join('@');
const phone = ['+1 415', '555', '0134'].join(' ');

function decision(scope: readonly ApprovalScope[], reason: string): ApprovalDecisionV1 {
  return {
    schema_version: '1',
    approver: 'user-4711',
    decision: 'approve',
    scope: [...scope],
    reason,
    decided_at: new Date().toISOString(),
  };
}

describe('approval fields in the ledger (decision 0009)', () => {
  it('keeps who approved and records the reason redacted by the run profile', async () => {
    const events: LLMEvent[] = [];
    const client = createLLMClient({
      provider: scriptedProvider(['ok'], { remote: true }),
      policy: localPolicy({ requires_approval: true }),
      approve: (request) =>
        decision(request.scopes, `OK per ${email}, call ${phone} if it overspends`),
      ledger: { dir: root },
      onEvent: (e) => events.push(e),
      env: {},
    });
    const run = await client.startRun({ runId: 'approved' });
    await run.generateText({ model: 'gpt-5.2', input: 'Say ok', maxOutputTokens: 20 });
    await run.end();
    const approval = ledgerRecords(root, 'approved').find((r) => r.type === 'approval')!;
    const recorded = approval.data.decision as ApprovalDecisionV1;
    expect(recorded.approver).toBe('user-4711');
    expect(recorded.reason).not.toContain(email);
    expect(recorded.reason).not.toContain('555');
    expect(recorded.reason).toMatch(/^OK per \[EMAIL_1\], call .*if it overspends$/);
    expect(events.find((e) => e.type === 'approval')).toMatchObject({ approver: 'user-4711' });
  });
});
