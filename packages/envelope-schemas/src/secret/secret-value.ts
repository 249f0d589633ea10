/** Marks secret wrappers across duplicate installs (see `isSecretValue`). */
const SECRET_MARKER = Symbol.for('@pm/secret');
const REDACTED = '[REDACTED]';
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A secret (an API key, a password) that prints as `[REDACTED]` everywhere: `String(s)`,
 * template literals, `JSON.stringify`, `util.inspect`/`console.log`. The value is readable
 * only through `reveal()`, which a provider calls at the moment of use.
 */
export class SecretValue {
  readonly #value: string;
  /** Where the secret came from (`env:OPENAI_API_KEY`, `dotenv`, `secret-provider`): never the value. */
  readonly source: string;

  constructor(value: string, source = 'unknown') {
    this.#value = value;
    this.source = source;
    Object.defineProperty(this, SECRET_MARKER, { value: true });
    Object.freeze(this);
  }

  /** The secret itself. Call it only where the value is used, never to log or store it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

/** True for a `SecretValue`, including one made by another installed copy of this package. */
export function isSecretValue(value: unknown): value is SecretValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[SECRET_MARKER] === true
  );
}

/** The text every secret wrapper serialises to. */
export const REDACTED_TEXT = REDACTED;
