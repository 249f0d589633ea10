import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf } from '../errors/kind-of.js';
import { usageCostMicro } from '../prices/estimate-cost.js';
import { isSameModel } from '../prices/model-snapshot.js';
import type { PriceTable } from '../prices/price-table.js';

/** What a settle prices: the reservation's model and worst case, and the usage's counts. */
export interface SettleCostInput {
  /** The model reserved for. */
  readonly model: string;
  /** The worst case held, integer micro-dollars. */
  readonly heldMicroUsd: number;
  /** The model the provider says answered (`ActualUsage.answeredModel`), if given. */
  readonly answeredModel: unknown;
  readonly input: number;
  readonly cached: number;
  readonly output: number;
}

/**
 * The micro-dollars a settle books: at the reserved model's price, or, when the provider
 * reports another model answered (a gateway routing elsewhere), at the dearer of the two, so
 * a call is never booked below what the model that answered costs. A model the table does not
 * price that is not a snapshot of the reserved one books at least the worst case held: its
 * price is not known, and is never guessed to be the cheaper one.
 */
export function settleCostMicro(prices: PriceTable, at: SettleCostInput): number {
  const reservedPrice = prices.lookup(at.model);
  const reserved =
    reservedPrice === undefined ? 0 : usageCostMicro(reservedPrice, at.input, at.cached, at.output);
  const answered = at.answeredModel;
  if (answered === undefined) return reserved;
  if (typeof answered !== 'string' || answered === '') {
    throw new InvalidArgumentError(
      `answeredModel must be the model name the provider reported (a non-empty string); got ${kindOf(answered)}. Leave it out when the provider reported none.`,
    );
  }
  if (answered === at.model) return reserved;
  // A snapshot of the reserved model is priced by its own row when it has one (some dated
  // snapshots cost more than their alias), else by the alias's: never unpriced.
  const answeredPrice = prices.lookup(answered);
  if (answeredPrice !== undefined) {
    return Math.max(reserved, usageCostMicro(answeredPrice, at.input, at.cached, at.output));
  }
  return isSameModel(at.model, answered) ? reserved : Math.max(reserved, at.heldMicroUsd);
}
