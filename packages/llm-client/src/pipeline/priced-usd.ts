import { estimateCost, type PriceTable } from '@pm/budget';
import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { usageFromLedger } from './call-input.js';

/**
 * What `usage` of `model` costs by the price table, as settling would book it; 0 for a model
 * the table does not price (as a budget without a USD cap books it). For a response whose
 * settle the store failed: the record still says what the answer cost.
 */
export function pricedUsd(
  model: string,
  usage: TokenUsageV1,
  prices: PriceTable | undefined,
): number {
  try {
    return estimateCost({ model, ...usageFromLedger(usage) }, prices ? { prices } : {}).usd;
  } catch {
    return 0;
  }
}
