import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApprovalDecisionV1, ApprovalScope } from '@pm/envelope-schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApprovalRequest, createLLMClient, isPmError } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { localPolicy } from './local-policy.js';

const root = mkdtempSync(join(tmpdir(), 'pm-approval-copy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const approveAll = (scope: readonly ApprovalScope[]): ApprovalDecisionV1 => ({
  schema_version: '1',
  approver: 'alice',
  decision: 'approve',
  scope: [...scope],
  reason: 'reviewed',
  decided_at: new Date().toISOString(),
});

const records = (dir: string, runId: string) =>
  readFileSync(join(dir, runId, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; stage: string; data: Record<string, unknown> });

/** Runs `fn`, swallowing what it throws: how an approver that tries and fails to change things looks. */
function attempt(fn: () => void): void {
  try {
    fn();
  } catch {
    // a frozen object refused the change
  }
}

async function gatedRun(name: string, approve: (request: ApprovalRequest) => ApprovalDecisionV1) {
  const provider = scriptedProvider(['ok'], { remote: true });
  const dir = join(root, name);
  const client = createLLMClient({
    provider,
    policy: localPolicy({ requires_approval: true }),
    approve,
    ledger: { dir },
    env: {},
  });
  return { provider, dir, run: await client.startRun({ runId: 'r' }) };
}

const samplesCall = {
  model: 'gpt-5.2',
  input: 'summarise throughput',
  context: { rows: [1, 2] },
  disclosureLevel: 5 as const,
  maxOutputTokens: 20,
};

describe('what the approver is handed', () => {
  it('cannot narrow the scopes the pipeline checks', async () => {
    const { provider, run } = await gatedRun('narrow', (request) => {
      attempt(() =>
        (request.scopes as ApprovalScope[]).splice(request.scopes.indexOf('samples'), 1),
      );
      return approveAll(request.scopes.filter((s) => s !== 'samples'));
    });
    const denied = run.generateText(samplesCall);
    await expect(denied).rejects.toSatisfy(isPmError);
    await expect(denied).rejects.toMatchObject({
      code: 'APPROVAL_DENIED',
      message: expect.stringContaining('did not approve samples'),
    });
    expect(provider.calls).toHaveLength(0);
    await run.end();
  });

  it('an approver that changes what it was shown in place fails closed', async () => {
    const { provider, run } = await gatedRun('throws', (request) => {
      (request.scopes as ApprovalScope[]).length = 0; // throws: the copy is frozen
      return approveAll(['call']);
    });
    const denied = run.generateText(samplesCall);
    await expect(denied).rejects.toSatisfy(isPmError);
    await expect(denied).rejects.toMatchObject({ code: 'APPROVAL_DENIED' });
    expect(provider.calls).toHaveLength(0);
    await run.end();
  });

  it('cannot change the prompt sent or the envelope recorded', async () => {
    let seen: ApprovalRequest | undefined;
    const { provider, dir, run } = await gatedRun('prompt', (request) => {
      seen = request;
      const message = request.messages[0] as { content: string };
      attempt(() => {
        message.content += ' [appended: customer email bob@example.com]';
      });
      attempt(() => {
        (request.envelope as { stage: string }).stage = 'renamed';
      });
      return approveAll(request.scopes);
    });
    const result = await run.generateText({
      model: 'gpt-5.2',
      input: 'summarise throughput',
      maxOutputTokens: 20,
    });
    await run.end();
    expect(Object.isFrozen(seen?.messages[0])).toBe(true);
    expect(Object.isFrozen(seen?.envelope.input_artifacts)).toBe(true);
    expect(provider.calls[0]!.messages[0]!.content).toBe('summarise throughput');
    expect(result.envelope.stage).toBe('default');
    const request = records(dir, 'r').find((r) => r.type === 'request')!;
    expect(request.data.envelope).toEqual(result.envelope);
    // The stored prompt artifact is exactly what the provider received.
    const ref = result.artifacts.prompt.replace('artifact://sha256:', '');
    const stored = readFileSync(join(dir, 'r', 'artifacts', 'sha256', ref), 'utf8');
    expect(createHash('sha256').update(stored).digest('hex')).toBe(ref);
    expect(JSON.parse(stored).messages).toEqual(provider.calls[0]!.messages);
  });
});
