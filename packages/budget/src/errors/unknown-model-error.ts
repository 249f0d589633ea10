import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** No tokenizer encoding is known for a model name. */
export class UnknownModelError extends PmError {
  /** True for any @pm error with code `UNKNOWN_MODEL`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('UNKNOWN_MODEL');

  constructor(model: string) {
    super(
      'UNKNOWN_MODEL',
      `No tokenizer encoding is known for model "${model}". ` +
        "Pass the encoding explicitly (e.g. { model, encoding: 'o200k_base' }) or use a model name the table knows " +
        '(gpt-5*, gpt-4.1*, gpt-4o*, o1*/o3*/o4*, gpt-4, gpt-3.5-turbo).',
      { details: { model } },
    );
  }
}
