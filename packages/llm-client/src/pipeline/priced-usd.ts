import { estimateCost, type PriceTable, type TokenUsage } from '@pm/budget';

/**
 * What `usage` of `model` costs by the price table (the one settling books by), or
 * undefined for a model the table does not price.
 */
export function pricedUsd(
  model: string,
  usage: TokenUsage,
  prices: PriceTable | undefined,
): number | undefined {
  try {
    return estimateCost({ model, ...usage }, prices ? { prices } : {}).usd;
  } catch {
    return undefined;
  }
}
