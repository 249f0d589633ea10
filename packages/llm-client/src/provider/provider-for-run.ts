import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import type { LLMProvider } from './provider.js';

/**
 * The provider run `runId` uses: what the provider's `forRun` returns, or the provider
 * itself. The client planned egress, the kill switch and its description for the provider
 * it was given, so the run's must be the same provider by name, `remote` and origins;
 * anything else is refused before the run starts.
 */
export function providerForRun(provider: LLMProvider, runId: string): LLMProvider {
  if (provider.forRun === undefined) return provider;
  const ofRun: unknown = provider.forRun(runId);
  const same =
    typeof ofRun === 'object' &&
    ofRun !== null &&
    typeof (ofRun as LLMProvider).call === 'function' &&
    (ofRun as LLMProvider).name === provider.name &&
    (ofRun as LLMProvider).remote === provider.remote &&
    sameOrigins((ofRun as LLMProvider).origins, provider.origins);
  if (!same) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `Provider "${provider.name}"'s forRun returned ${kindOf(ofRun)}, not a provider like itself: it must return one with a call function and the same name, remote flag and origins (egress was planned for those). Fix the provider; the run was not started.`,
      { details: { provider: provider.name, field: 'forRun' } },
    );
  }
  return ofRun as LLMProvider;
}

function sameOrigins(a: unknown, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((origin, i) => origin === b[i]);
}
