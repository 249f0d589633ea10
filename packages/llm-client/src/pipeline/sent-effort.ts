import { PmError, ReasoningEffort } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import type { LLMProvider, ProviderCallRequest } from '../provider/provider.js';
import { providerHookError } from '../provider/provider-hook.js';

/**
 * The reasoning effort the envelope records for `request`: what `provider` says it sends
 * (`undefined` for a model that takes none), else the requested effort, which a provider
 * without the hook passes on. A host provider's answer that is not an effort is refused
 * naming the provider, not as an invalid envelope the host never wrote.
 */
export async function sentEffort(
  provider: LLMProvider,
  request: ProviderCallRequest,
): Promise<ReasoningEffort | undefined> {
  if (!provider.sentReasoningEffort) return request.reasoningEffort;
  let sent: unknown;
  try {
    sent = await provider.sentReasoningEffort(request);
  } catch (error) {
    throw providerHookError(provider.name, 'sentReasoningEffort', error, 'nothing was sent.');
  }
  if (sent === undefined) return undefined;
  const effort = ReasoningEffort.safeParse(sent);
  if (effort.success) return effort.data;
  throw new PmError(
    'INTERNAL_ERROR',
    `Provider "${provider.name}" answered sentReasoningEffort with ${typeof sent === 'string' ? 'an unknown effort' : kindOf(sent)}: it must return one of ${ReasoningEffort.options.join(', ')}, or undefined when the model is sent none. Fix the provider; nothing was sent.`,
    { details: { provider: provider.name, field: 'sentReasoningEffort' } },
  );
}
