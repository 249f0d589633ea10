import { parseAutomationPolicy } from '@pm/envelope-schemas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCallPolicy, createLLMClient, RunWindowClosedError } from '../src/index.js';
import { scriptedProvider } from '../src/testing.js';
import { approveScopes } from './helpers/approve-scopes.js';
import { ledgerRecords } from './helpers/ledger-records.js';
import { rejection } from './helpers/rejection.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';

const root = tempRoot('pm-run-window-at-egress-');
const call = { model: 'gpt-5.2', input: 'hi', maxOutputTokens: 100 };
// Monday 10:59 UTC, one minute before the window closes; 11:01 is after it.
const beforeClose = new Date('2026-11-23T10:59:00Z');
const afterClose = new Date('2026-11-23T11:01:00Z');
const policy = localPolicy({ run_windows: ['weekday:08:00-11:00'], requires_approval: true });
const facts = { model: 'gpt-5.2', remote: true, gatewayConfigured: false };

afterEach(() => {
  vi.useRealTimers();
});

/** A client whose approver approves what it is asked, after `before()` (e.g. a clock move). */
function client(provider: ReturnType<typeof scriptedProvider>, before: () => void = () => {}) {
  return createLLMClient({
    provider,
    policy,
    ledger: { dir: root, durability: 'none' },
    retry: { attempts: 2, baseMs: 1, maxMs: 1 },
    approve: (request) => {
      before();
      return approveScopes(request.scopes);
    },
  });
}

describe('a run window that closes while a call is under way', () => {
  it('refuses a call approved after the window closed: nothing sent, its hold released', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(beforeClose);
    const provider = scriptedProvider(['answer'], { remote: true });
    // The approver (a person) answers two minutes later, once the window has closed.
    const run = await client(provider, () => vi.setSystemTime(afterClose)).startRun({
      runId: 'approved-late',
    });
    const error = await rejection(run.generateText(call));
    expect(error).toMatchObject({ code: 'RUN_WINDOW_CLOSED' });
    expect(provider.calls).toHaveLength(0);
    const [scope] = (await run.usage()).scopes;
    expect(scope?.reserved).toEqual({ tokens: 0, usd: 0, requests: 0 });
    expect(scope?.spent).toEqual({ tokens: 0, usd: 0, requests: 0 });
    await run.end();
    const records = ledgerRecords(root, 'approved-late');
    expect(records.map((r) => r.type)).toEqual(['run_start', 'approval', 'error', 'run_end']);
    expect(records[2]?.data).toMatchObject({
      code: 'RUN_WINDOW_CLOSED',
      phase: 'policy',
      reservation: 'released',
    });
  });

  it('sends no retry after the window closed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(beforeClose);
    const provider = scriptedProvider(
      [
        () => {
          // The first attempt fails, retryably, as the window closes.
          vi.setSystemTime(afterClose);
          return { fail: { status: 503, retryable: true, message: 'busy' } };
        },
        'answer',
      ],
      { remote: true },
    );
    const run = await client(provider).startRun({ runId: 'retry-after-close' });
    const error = await rejection(run.generateText(call));
    expect(error).toMatchObject({ code: 'RUN_WINDOW_CLOSED' });
    expect(provider.calls).toHaveLength(1);
    const [scope] = (await run.usage()).scopes;
    expect(scope?.reserved).toEqual({ tokens: 0, usd: 0, requests: 0 });
    await run.end();
    const failure = ledgerRecords(root, 'retry-after-close').find((r) => r.type === 'error');
    expect(failure?.data).toMatchObject({ code: 'RUN_WINDOW_CLOSED', attempts: 1 });
  });

  it('still sends a call approved within the window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(beforeClose);
    const provider = scriptedProvider(['answer'], { remote: true });
    const run = await client(provider).startRun({ runId: 'approved-in-time' });
    await expect(run.generateText(call)).resolves.toMatchObject({ output: 'answer' });
    await run.end();
  });
});

describe('the run-window check of one minute', () => {
  it('asks again when the policy object it was given has other windows since', () => {
    const at = new Date('2026-11-23T10:30:00Z');
    const mutable = parseAutomationPolicy(policy);
    expect(() => checkCallPolicy(mutable, { ...facts, at })).not.toThrow();
    (mutable as { run_windows: string[] }).run_windows = ['weekend:08:00-11:00'];
    expect(() => checkCallPolicy(mutable, { ...facts, at })).toThrow(RunWindowClosedError);
  });
});
