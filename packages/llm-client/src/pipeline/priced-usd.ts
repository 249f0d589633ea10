import { estimateCost, type PriceTable, type TokenUsage, UnknownModelPriceError } from '@pm/budget';

/**
 * What `usage` of `model` costs by the price table (the one settling books by), or
 * undefined for a model the table does not price. Any other refusal is a defect of the
 * caller (a usage field the table cannot price, say) and is thrown: read as "unpriced",
 * the call would be recorded at $0.
 */
export function pricedUsd(
  model: string,
  usage: TokenUsage,
  prices: PriceTable | undefined,
): number | undefined {
  try {
    return estimateCost({ model, ...usage }, prices ? { prices } : {}).usd;
  } catch (error) {
    if (error instanceof UnknownModelPriceError) return undefined;
    throw error;
  }
}
