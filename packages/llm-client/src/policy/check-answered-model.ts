import { isSameModel } from '@pm/budget';
import type { AutomationPolicyV1 } from '@pm/envelope-schemas';
import { AnsweredModelNotAllowedError } from './answered-model-not-allowed-error.js';

/**
 * After the answer: refuses one from a model the policy does not allow, though another was
 * asked for. A listed model or a dated snapshot of one is allowed (the rule the price table
 * and the model comparison use). Throws `AnsweredModelNotAllowedError` (`POLICY_DENIED`).
 */
export function checkAnsweredModel(
  policy: AutomationPolicyV1,
  asked: string,
  answered: string,
): void {
  if (policy.allowed_models.some((allowed) => isSameModel(allowed, answered))) return;
  throw new AnsweredModelNotAllowedError(policy, asked, answered);
}
