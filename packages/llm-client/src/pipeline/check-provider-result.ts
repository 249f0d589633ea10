import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import type { ProviderCallResult } from '../provider/provider.js';

/**
 * A provider's answer has the shape the pipeline stores: `text` and `model` strings, and a
 * `finishReason`, when given, a string. A host's own provider that returns anything else gets
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
        : typeof fields.model !== 'string' || fields.model === ''
          ? ['model', fields.model]
          : fields.finishReason !== undefined &&
              fields.finishReason !== null &&
              typeof fields.finishReason !== 'string'
            ? ['finishReason', fields.finishReason]
            : undefined;
  if (wrong === undefined) return result as ProviderCallResult;
  throw new PmError(
    'INTERNAL_ERROR',
    `Provider "${providerName}" answered without a valid ${wrong[0]} (got ${wrong[1] === undefined ? 'none' : kindOf(wrong[1])}): a provider's call must resolve to { text: string, model: string, usage?, finishReason?: string }. Fix the provider; the attempt is booked, since it was answered.`,
    { details: { provider: providerName, field: wrong[0] } },
  );
}
