import type { AutomationPolicyV1 } from '@pm/envelope-schemas';
import { shownName } from '../shown-name.js';
import { PolicyDeniedError } from './policy-errors.js';

/**
 * The provider answered with a model the policy does not allow (a gateway that routes a call
 * elsewhere): the answer is not returned, since the policy forbids that model's output. Unlike
 * other policy refusals the request was sent: the answer is recorded (`response`, `valid:
 * false`) and booked at the dearer of the two models (decision 0032).
 */
export class AnsweredModelNotAllowedError extends PolicyDeniedError {
  /** The model asked for. */
  readonly askedModel: string;
  /** The model that answered, as the provider reported it. */
  readonly answeredModel: string;

  constructor(policy: AutomationPolicyV1, asked: string, answered: string) {
    const [askedShown, answeredShown] = [shownName(asked), shownName(answered)];
    super(
      'answered_model_not_allowed',
      `The provider answered with model "${answeredShown}" where "${askedShown}" was asked for, and "${answeredShown}" is not in allowed_models of policy ${policy.policy_id} (${policy.allowed_models.join(', ')}): the answer is refused. It was billed, and is booked at the dearer of the two models. Check where the provider's baseURL (a gateway) routes "${askedShown}", or add "${answeredShown}" to the policy.`,
      { model: askedShown, answered_model: answeredShown, policy_id: policy.policy_id },
    );
    this.askedModel = askedShown;
    this.answeredModel = answeredShown;
  }
}
