/**
 * Every kind of secret the built-in detectors recognise. Spelled as the contract
 * spells them; a host detector may report other kinds.
 */
export type SecretKind =
  | 'openai'
  | 'anthropic'
  | 'aws'
  | 'github'
  | 'slack'
  | 'stripe'
  | 'google'
  | 'jwt'
  | 'private_key'
  | 'bearer'
  | 'basic_auth'
  | 'connection_string'
  | 'generic';

/** Every finding type the built-in detectors report. */
export type BuiltinFindingType =
  | 'email'
  | 'phone'
  | 'credit_card'
  | 'iban'
  | 'ip'
  | 'ssn'
  | 'uk_nino'
  | 'url_credentials'
  | 'crypto'
  | 'secret';

/**
 * A finding type: a built-in one or a host's own (lowercase, digits, `_`). The
 * `string & {}` keeps editor completion for the built-in names.
 */
export type FindingType = BuiltinFindingType | (string & {});

/**
 * One sensitive span found in a text. Carries where and what, never the value itself, so
 * findings can be logged and ledgered as they are.
 */
export interface Finding {
  /** What was found, e.g. `email` or `secret`. */
  type: FindingType;
  /** For `secret`: which kind (`github`, `aws`, ...). Absent for other types. */
  kind?: SecretKind | (string & {});
  /** UTF-16 offset of the first character of the span in the scanned text. */
  start: number;
  /** UTF-16 offset just past the last character of the span (exclusive). */
  end: number;
  /** Name of the detector that reported the span, e.g. `github-token`. */
  detector: string;
  /** For `redactValue`: JSON path of the string the span is in, e.g. `$.user.email`. */
  path?: string;
}

/** A finding of `detectSecrets`: always a `secret` with its kind. */
export interface SecretFinding extends Finding {
  /** Always `secret`. */
  type: 'secret';
  /** Which kind of secret. */
  kind: SecretKind;
}
