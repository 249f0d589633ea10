import { type AutomationPolicyV1, runWindowState } from '@pm/envelope-schemas';
import { shownName } from '../shown-name.js';
import { PolicyDeniedError, RunWindowClosedError } from './policy-errors.js';

/** The facts about one call that the policy rules look at. */
export interface CallPolicyFacts {
  /** The model asked for. */
  model: string;
  /** Whether the provider sends anything out of the process (false for offline and replay). */
  remote: boolean;
  /**
   * Whether `egress.gateway` is set and the provider goes only there (required for remote
   * calls in cloud/hybrid).
   */
  gatewayConfigured: boolean;
  /** When the call is made; default now. */
  at?: Date;
}

/**
 * Step 1 of the pipeline: refuses a call the policy does not allow, before anything else
 * happens. Throws `PolicyDeniedError` (model not allowed, no gateway in cloud/hybrid mode)
 * or `RunWindowClosedError` (naming the next opening).
 */
export function checkCallPolicy(policy: AutomationPolicyV1, facts: CallPolicyFacts): void {
  if (!policy.allowed_models.includes(facts.model)) {
    throw new PolicyDeniedError(
      'model_not_allowed',
      `Model "${shownName(facts.model)}" is not in allowed_models of policy ${policy.policy_id} (${policy.allowed_models.join(', ')}). Use one of those, or add it to the policy.`,
      { model: shownName(facts.model), policy_id: policy.policy_id },
    );
  }
  if (facts.remote && policy.execution_mode !== 'local' && !facts.gatewayConfigured) {
    throw new PolicyDeniedError(
      'gateway_required',
      `Policy ${policy.policy_id} runs in ${policy.execution_mode} mode, where remote calls must go through a gateway, and this client's provider does not. Both are needed: egress.gateway set to the gateway's origin in createLLMClient(), and the provider's baseURL pointing at that gateway.`,
      { execution_mode: policy.execution_mode, policy_id: policy.policy_id },
    );
  }
  checkRunWindow(policy, facts.at);
}

/**
 * Throws `RunWindowClosedError` (naming the next opening) when no run window of the policy is
 * open at `at` (default now). The pipeline asks again where each request leaves: a call can
 * wait past a window's end for its approver, the budget store or the rate limiter, and a
 * retry can come after it.
 */
export function checkRunWindow(policy: AutomationPolicyV1, at: Date = new Date()): void {
  const timeZone = policy.timezone ?? 'UTC';
  // Windows open and close on whole minutes of local time (every zone's offset is whole
  // minutes), so windows found open stay open for the rest of that minute: a call asks up to
  // three times, and calls in the same minute ask the same question.
  const minute = Math.floor(at.getTime() / 60_000);
  const windows = `${timeZone} ${policy.run_windows.join(' ')}`;
  const open = lastOpen.get(policy);
  if (open?.minute === minute && open.windows === windows) return;
  const state = runWindowState(policy.run_windows, at, timeZone);
  if (!state.open) throw new RunWindowClosedError(policy.run_windows, timeZone, state.nextOpening);
  lastOpen.set(policy, { minute, windows });
}

/**
 * The last minute (since the epoch) each policy's windows, as written then (zone and list),
 * were found open in. Keyed by the windows too: a host may change its policy object.
 */
const lastOpen = new WeakMap<AutomationPolicyV1, { minute: number; windows: string }>();
