import { PmError } from '@pm/envelope-schemas';

/** A needed credential is not configured. The message shows how to set it and the offline way. */
export class MissingCredentialError extends PmError {
  /**
   * The variable that was looked for, e.g. `OPENAI_API_KEY`; a name that looks like a key (the
   * key itself passed as `name`) is given by its length only.
   */
  readonly variable: string;

  constructor(variable: string, looked: readonly string[]) {
    super(
      'MISSING_CREDENTIAL',
      [
        `${variable} is not set (looked in: ${looked.join(', ')}). To call the provider, set it:`,
        `  export ${variable}="..."    (Linux/macOS/WSL)`,
        'Or stay offline: the default offline provider needs no key and nothing leaves the process.',
      ].join('\n'),
      { details: { variable, looked } },
    );
    this.variable = variable;
  }
}
