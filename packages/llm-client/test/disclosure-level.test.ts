import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApprovalDecisionV1, ApprovalScope } from '@pm/envelope-schemas';
import { buildDisclosure } from '@pm/redact';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApprovalRequest, createLLMClient, isPmError } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { localPolicy } from './local-policy.js';

const root = mkdtempSync(join(tmpdir(), 'pm-disclosure-level-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const roles = { caseId: 'case_id', activity: 'activity', timestamp: 'timestamp' };
const rows = Array.from({ length: 6 }, (_, i) => ({
  case_id: `c${i % 2}`,
  activity: ['a', 'b', 'c'][i % 3],
  timestamp: `2024-01-0${1 + i}T00:00:00Z`,
}));
const decision = (scope: ApprovalScope[]): ApprovalDecisionV1 => ({
  schema_version: '1',
  approver: 'alice',
  decision: 'approve',
  scope,
  reason: 'reviewed',
  decided_at: new Date().toISOString(),
});
const level5 = () =>
  buildDisclosure(rows, { level: 5, roles, profile: 'homebrew', approval: decision(['samples']) });

const records = (dir: string, runId: string) =>
  readFileSync(join(dir, runId, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });

async function remoteRun(name: string, approve?: (request: ApprovalRequest) => ApprovalDecisionV1) {
  const provider = scriptedProvider(['ok'], { remote: true });
  const dir = join(root, name);
  const client = createLLMClient({
    provider,
    policy: localPolicy(),
    ledger: { dir },
    env: {},
    ...(approve ? { approve } : {}),
  });
  return { provider, dir, run: await client.startRun({ runId: 'r' }) };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('the disclosure level a context carries', () => {
  const call = { model: 'gpt-5.2', input: 'look at these', maxOutputTokens: 20 };

  it('gates a level-5 disclosure passed without disclosureLevel on the samples approval', async () => {
    const { provider, dir, run } = await remoteRun('undeclared'); // no approver: fail closed
    const context = level5();
    const estimate = await run.estimate({ ...call, context });
    expect(estimate.approvals).toEqual(['samples']);
    expect(estimate.envelope.disclosure_level).toBe(5);
    const error = await failure(run.generateText({ ...call, context }));
    expect(isPmError(error) && error.code).toBe('APPROVAL_DENIED');
    expect(provider.calls).toHaveLength(0);
    await run.end();
    expect(records(dir, 'r').map((r) => r.type)).toEqual(['run_start', 'error', 'run_end']);
  });

  it('sends it once samples are approved, and records level 5 in the envelope', async () => {
    const asked: string[][] = [];
    const { provider, run } = await remoteRun('approved', (request) => {
      asked.push([...request.scopes]);
      return decision(['samples']);
    });
    const result = await run.generateText({ ...call, context: level5() });
    expect(asked).toEqual([['samples']]);
    expect(provider.calls).toHaveLength(1);
    expect(result.envelope.disclosure_level).toBe(5);
    expect(provider.calls[0]!.context?.level).toBe(5);
    await run.end();
  });

  it('treats a disclosure that holds samples as level 5 whatever its level says', async () => {
    const { provider, run } = await remoteRun('relabelled');
    const context = { ...level5(), level: 4 as const };
    expect((await run.estimate({ ...call, context })).approvals).toEqual(['samples']);
    const error = await failure(run.generateText({ ...call, context }));
    expect(isPmError(error) && error.code).toBe('APPROVAL_DENIED');
    expect(provider.calls).toHaveLength(0);
    await run.end();
  });

  it('refuses a declared level lower than the context’s with INVALID_ARGUMENT, nothing sent', async () => {
    const { provider, dir, run } = await remoteRun('declared-lower', () =>
      decision(['samples', 'call']),
    );
    const context = level5();
    const dry = await failure(run.estimate({ ...call, context, disclosureLevel: 3 }));
    expect(isPmError(dry) && dry.code).toBe('INVALID_ARGUMENT');
    const error = await failure(run.generateText({ ...call, context, disclosureLevel: 3 }));
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(/disclosureLevel 3 is lower than .*\(5/);
    expect(provider.calls).toHaveLength(0);
    await run.end();
    const failed = records(dir, 'r').find((r) => r.type === 'error')!;
    expect(failed.data.code).toBe('INVALID_ARGUMENT');
  });

  it('records a level-4 disclosure’s level without a declared one, and gates nothing', async () => {
    const { provider, run } = await remoteRun('level4');
    const context = buildDisclosure(rows, { level: 4, roles, profile: 'homebrew' });
    const result = await run.generateText({ ...call, context });
    expect(result.envelope.disclosure_level).toBe(4);
    expect(provider.calls).toHaveLength(1);
    // A higher declared level stands (it only adds gates).
    const estimate = await run.estimate({ ...call, context, disclosureLevel: 5 });
    expect(estimate.envelope.disclosure_level).toBe(5);
    expect(estimate.approvals).toEqual(['samples']);
    await run.end();
  });

  it.each([
    ['wrapped in an object', () => ({ note: 'see below', summary: level5() })],
    [
      'in an array',
      () => [buildDisclosure(rows, { level: 2, roles, profile: 'homebrew' }), level5()],
    ],
  ])('gates a level-5 disclosure %s on the samples approval too', async (name, context) => {
    const { provider, run } = await remoteRun(`nested-${name.replace(/\W+/g, '-')}`);
    expect((await run.estimate({ ...call, context: context() })).approvals).toEqual(['samples']);
    // Before: sent without any approval, the samples included.
    const error = await failure(run.generateText({ ...call, context: context() }));
    expect(isPmError(error) && error.code).toBe('APPROVAL_DENIED');
    expect(provider.calls).toHaveLength(0);
    await run.end();
  });

  it('does not take an ordinary context with a level field for a disclosure', async () => {
    const { provider, run } = await remoteRun('not-a-disclosure');
    const result = await run.generateText({ ...call, context: { level: 5, samples: ['x'] } });
    expect(provider.calls).toHaveLength(1);
    expect(result.envelope.disclosure_level).toBeUndefined();
    await run.end();
  });
});
