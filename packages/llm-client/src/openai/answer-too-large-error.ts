import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import type { OversizedAnswer } from './bounded-answer.js';

/** Where the answer came from and what bounded it. */
export interface AnswerFacts {
  readonly origin: string;
  /** Its HTTP status: a 2xx may have been billed. */
  readonly status: number;
  readonly maxOutputTokens: number;
  /** Whether the bound is the host's `maxAnswerBytes` rather than the default. */
  readonly configured: boolean;
}

/**
 * An answer larger than the provider reads (`maxAnswerBytes`, by default sized from the
 * call's `maxOutputTokens`): reading stopped at the bound and the connection was closed. Not
 * retried (the same server most likely answers the same way). A 2xx may have been billed, so
 * it is booked at the reservation's worst case, like any 2xx that could not be read.
 */
export class AnswerTooLargeError extends ProviderUnavailableError {
  /** The bound, in bytes. */
  readonly limitBytes: number;
  readonly #oversized: OversizedAnswer;
  readonly #facts: AnswerFacts;

  constructor(oversized: OversizedAnswer, facts: AnswerFacts, attempts?: number) {
    const billed = facts.status >= 200 && facts.status < 300;
    const size =
      oversized.declaredBytes === undefined
        ? `more than ${oversized.limitBytes} bytes`
        : `${oversized.declaredBytes} bytes (its content-length)`;
    const bound = facts.configured
      ? `openaiProvider({ maxAnswerBytes: ${oversized.limitBytes} })`
      : `${oversized.limitBytes} bytes, the bound for maxOutputTokens ${facts.maxOutputTokens}`;
    const raise = facts.configured
      ? 'raise maxAnswerBytes'
      : 'set openaiProvider({ maxAnswerBytes }) above it';
    const gaveUp = attempts === undefined ? '' : ` Gave up after ${attempts} attempt(s).`;
    super(
      `OpenAI answered (HTTP ${facts.status}) with ${size}, above ${bound}; reading stopped and the connection was closed${billed ? ', and it may have been billed' : ''}. Not retried: check that the provider baseURL (${facts.origin}) is an OpenAI-compatible API that answers within maxOutputTokens, or, if such answers are expected, ${raise}.${gaveUp}`,
      {
        retryable: false,
        status: facts.status,
        ...(attempts === undefined ? {} : { attempts }),
        ...(billed ? { possiblyBilled: true } : {}),
      },
      { details: { limitBytes: oversized.limitBytes } },
    );
    this.limitBytes = oversized.limitBytes;
    this.#oversized = oversized;
    this.#facts = facts;
  }

  /** The same failure after the last of `attempts` attempts, still an `AnswerTooLargeError`. */
  override afterAttempts(attempts: number): AnswerTooLargeError {
    return new AnswerTooLargeError(this.#oversized, this.#facts, attempts);
  }
}
