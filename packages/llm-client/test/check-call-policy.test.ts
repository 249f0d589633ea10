import { type AutomationPolicyV1, isPmError, parseAutomationPolicy } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { checkCallPolicy, PolicyDeniedError, RunWindowClosedError } from '../src/index.js';

const policy: AutomationPolicyV1 = parseAutomationPolicy({
  schema_version: '1',
  policy_id: 'pm-assist-default',
  execution_mode: 'local',
  requires_approval: false,
  max_cost_usd: 5,
  max_runtime_minutes: 60,
  allowed_models: ['gpt-5.2', 'gpt-5-mini'],
  run_windows: ['weekday:09:00-18:00'],
  timezone: 'Europe/Paris',
});
const mondayNoonParis = new Date('2026-11-23T11:00:00Z');
const facts = { model: 'gpt-5.2', remote: true, gatewayConfigured: false, at: mondayNoonParis };

describe('checkCallPolicy', () => {
  it('allows a listed model inside a run window', () => {
    expect(() => checkCallPolicy(policy, facts)).not.toThrow();
  });

  it('refuses a model outside allowed_models, naming the allowed ones', () => {
    const error = (() => {
      try {
        checkCallPolicy(policy, { ...facts, model: 'gpt-4o' });
      } catch (e) {
        return e;
      }
    })() as PolicyDeniedError;
    expect(error).toBeInstanceOf(PolicyDeniedError);
    expect(error.reason).toBe('model_not_allowed');
    expect(error.message).toContain('gpt-5.2, gpt-5-mini');
  });

  it('refuses outside the run windows, in the policy time zone, naming the next opening', () => {
    // 18:30 in Paris on a Monday (17:30Z): closed; reopens Tuesday 09:00 Paris = 08:00Z.
    try {
      checkCallPolicy(policy, { ...facts, at: new Date('2026-11-23T17:30:00Z') });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RunWindowClosedError);
      expect(isPmError(error) && error.code).toBe('RUN_WINDOW_CLOSED');
      expect((error as RunWindowClosedError).nextOpening).toEqual(new Date('2026-11-24T08:00:00Z'));
      expect((error as Error).message).toContain('2026-11-24T08:00:00.000Z');
    }
  });

  it('requires a gateway for remote calls in cloud and hybrid modes, not for offline ones', () => {
    for (const mode of ['cloud', 'hybrid'] as const) {
      const gated = { ...policy, execution_mode: mode };
      // Both halves named: a host whose baseURL already points at the gateway was told
      // only to set the baseURL, the half it had.
      expect(() => checkCallPolicy(gated, facts)).toThrow(
        /egress\.gateway set to the gateway's origin .* and the provider's baseURL pointing at that gateway/,
      );
      expect(() => checkCallPolicy(gated, { ...facts, gatewayConfigured: true })).not.toThrow();
      expect(() => checkCallPolicy(gated, { ...facts, remote: false })).not.toThrow();
    }
  });
});
