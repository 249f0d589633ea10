import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/**
 * The price table has no row for a model: a budget with a USD limit in force refuses the
 * call, and `estimateCost` refuses to estimate it. A price is never guessed.
 */
export class UnknownModelPriceError extends PmError {
  /** True for any @pm error with code `UNKNOWN_MODEL_PRICE`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('UNKNOWN_MODEL_PRICE');

  /**
   * @param where `reserve` (a budget with a USD limit, the default) or `estimate`
   *   (`estimateCost`, where no budget is involved): the message is worded for it.
   */
  constructor(model: string, where: 'reserve' | 'estimate' = 'reserve') {
    super(
      'UNKNOWN_MODEL_PRICE',
      where === 'estimate'
        ? `estimateCost cannot estimate the cost of model "${model}": the price table has no row for it. ` +
            'Add one and pass the table: estimateCost(request, { prices: priceTable({ version, date, rows: [...defaultPriceTable.rows, { model, ... }] }) }).'
        : `No price is known for model "${model}" and a USD limit is in force, so the call is refused. ` +
            'Add a row for it to the price table (createBudget({ prices: priceTable({ version, date, rows: [...defaultPriceTable.rows, { model, ... }] }) })) or remove the USD limit.',
      { details: { model } },
    );
  }
}
