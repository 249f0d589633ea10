import { checkCallPolicy } from '../policy/check-call-policy.js';
import type { LLMProvider } from '../provider/provider.js';
import type { CallInput } from './call-input.js';
import type { RunContext } from './run-context.js';

/** Step 1: the run's policy for this call's model and provider. */
export function checkPolicyFor(ctx: RunContext, call: CallInput, provider: LLMProvider): void {
  checkCallPolicy(ctx.policy, {
    model: call.model,
    remote: provider.remote,
    gatewayConfigured: ctx.gatewayConfigured,
  });
}
