import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { approveScopes } from './helpers/approve-scopes.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-approval-shortfall-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 100 };
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** The APPROVAL_DENIED message of a call whose approver answers `extra` over an approval of what it is asked. */
async function refusal(extra: Record<string, unknown>): Promise<string> {
  const client = createLLMClient({
    provider: scriptedProvider(['answer'], { remote: true }),
    policy: localPolicy({ requires_approval: true }),
    ledger: { dir: root, durability: 'none' },
    approve: (request) => approveScopes(request.scopes, extra),
  });
  const run = await client.startRun();
  const error = await rejection(run.generateText(call));
  await run.end();
  expect(error).toMatchObject({ code: 'APPROVAL_DENIED' });
  return error.message;
}

// An approval of the right scope that does not count says why, not "did not approve call".
describe('an approval that does not count says why', () => {
  it('limited to another run', async () => {
    const message = await refusal({ run_id: 'run-of-yesterday' });
    expect(message).toContain('limited to run run-of-yesterday, not this one');
    expect(message).not.toContain('did not approve');
  });

  it('limited to another stage', async () => {
    const message = await refusal({ stage: 'report' });
    expect(message).toContain('limited to stage report, not default');
  });

  it('expired', async () => {
    const expiresAt = minutes(-1);
    const message = await refusal({ decided_at: minutes(-10), expires_at: expiresAt });
    expect(message).toContain(`expired at ${expiresAt}`);
  });

  it('dated in the future, past the clock skew allowed', async () => {
    const decidedAt = minutes(60);
    const message = await refusal({ decided_at: decidedAt });
    expect(message).toContain(`dated ${decidedAt}, later than this host's clock`);
  });

  it('a scope it does not name is still "did not approve" that scope', async () => {
    const message = await refusal({ scope: ['action'] });
    expect(message).toContain('alice did not approve call.');
  });
});
