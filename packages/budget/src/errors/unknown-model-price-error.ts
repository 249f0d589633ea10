import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/**
 * The price table has no row for a model: a budget refuses the call (whatever its caps: an
 * unpriced call would book $0 where another budget's USD cap may count), and `estimateCost`
 * refuses to estimate it. A price is never guessed; a free model gets a row of 0.
 */
export class UnknownModelPriceError extends PmError {
  /** True for any @pm error with code `UNKNOWN_MODEL_PRICE`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('UNKNOWN_MODEL_PRICE');

  /**
   * @param where `reserve` (a budget, the default) or `estimate`
   *   (`estimateCost`, where no budget is involved): the message is worded for it.
   */
  constructor(model: string, where: 'reserve' | 'estimate' = 'reserve') {
    super(
      'UNKNOWN_MODEL_PRICE',
      where === 'estimate'
        ? `estimateCost cannot estimate the cost of model "${model}": the price table has no row for it. ` +
            'Add one and pass the table: estimateCost(request, { prices: priceTable({ version, date, rows: [...defaultPriceTable.rows, { model, ... }] }) }).'
        : `No price is known for model "${model}", so the call is refused: unpriced it would book $0, which no USD cap (this budget's, or another's on the same store's day and month) would see. ` +
            'Add a row for it to the price table (createBudget({ prices: priceTable({ version, date, rows: [...defaultPriceTable.rows, { model, ... }] }) })); for a free or self-hosted model, a row whose prices are 0.',
      { details: { model } },
    );
  }
}
