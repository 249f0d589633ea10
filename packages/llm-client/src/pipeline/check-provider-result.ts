import { ModelName, PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import type { ProviderCallResult } from '../provider/provider.js';

/**
 * A provider's answer has the shape the pipeline stores: a `text` string, a `model` that is
 * a model name (as the ledger's records require), and a `finishReason`, when given, a string. A host's own provider that returns anything else gets
 * an error naming the provider and the field, not the ledger's refusal of a record or an
 * artifact that the host never wrote. The answer arrived, so the attempt stays booked.
 */
export function checkProviderResult(providerName: string, result: unknown): ProviderCallResult {
  const fields = (typeof result === 'object' && result !== null ? result : {}) as Record<
    string,
    unknown
  >;
  const wrong =
    typeof result !== 'object' || result === null
      ? ['result', result]
      : typeof fields.text !== 'string'
        ? ['text', fields.text]
        : typeof fields.model !== 'string' || !ModelName.safeParse(fields.model).success
          ? ['model', fields.model]
          : fields.finishReason !== undefined &&
              fields.finishReason !== null &&
              typeof fields.finishReason !== 'string'
            ? ['finishReason', fields.finishReason]
            : undefined;
  if (wrong === undefined) return result as ProviderCallResult;
  // A model that is a string but no model name is described, never quoted (it may hold
  // anything the upstream said).
  const got =
    wrong[1] === undefined
      ? 'none'
      : wrong[0] === 'model' && typeof wrong[1] === 'string'
        ? `a string of ${wrong[1].length} characters that is not a model name: 1-128 letters, digits, ".", "_", ":", "/" or "-", starting with a letter or digit`
        : kindOf(wrong[1]);
  throw new PmError(
    'INTERNAL_ERROR',
    `Provider "${providerName}" answered without a valid ${wrong[0]} (got ${got}): a provider's call must resolve to { text: string, model: string, usage?, finishReason?: string }. Fix the provider; the attempt is booked, since it was answered.`,
    { details: { provider: providerName, field: wrong[0] } },
  );
}
