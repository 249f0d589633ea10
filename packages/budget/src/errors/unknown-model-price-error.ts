import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** No price is known for a model while a USD limit is in force: refused, never let through. */
export class UnknownModelPriceError extends PmError {
  /** True for any @pm error with code `UNKNOWN_MODEL_PRICE`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('UNKNOWN_MODEL_PRICE');

  constructor(model: string) {
    super(
      'UNKNOWN_MODEL_PRICE',
      `No price is known for model "${model}" and a USD limit is in force, so the call is refused. ` +
        'Add a row for it to the price table (createBudget({ prices: priceTable({ version, date, rows: [...defaultPriceTable.rows, { model, ... }] }) })) or remove the USD limit.',
      { details: { model } },
    );
  }
}
