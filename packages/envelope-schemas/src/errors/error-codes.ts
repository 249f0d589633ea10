/**
 * Every error code the @pm packages throw. One union, kept here so a host can switch on
 * `error.code` exhaustively whichever package threw.
 */
export type PmErrorCode =
  /** Input did not match a @pm schema (envelope, policy, ledger record, approval, profile). */
  | 'SCHEMA_INVALID'
  /** An option passed to a @pm function is missing or malformed. */
  | 'INVALID_ARGUMENT'
  /** An optional peer dependency (ioredis, openai) is needed but not installed. */
  | 'OPTIONAL_DEPENDENCY_MISSING'
  /** A step needs an approval (e.g. disclosure level 5 samples) that was not given. */
  | 'APPROVAL_REQUIRED'
  /** The host's approver denied the request. */
  | 'APPROVAL_DENIED'
  /** A redaction profile needs a key (hashed-retail) that was not supplied. */
  | 'REDACTION_KEY_REQUIRED'
  /** No tokenizer encoding is known for the model name. */
  | 'UNKNOWN_MODEL'
  /** No price is known for the model: refused whatever the caps (decision 0014). */
  | 'UNKNOWN_MODEL_PRICE'
  /** A reservation does not fit a budget limit. */
  | 'BUDGET_EXCEEDED'
  /** A single call asks for more tokens than the per-call ceiling allows. */
  | 'CALL_LIMIT_EXCEEDED'
  /** The shared budget store (Redis) did not answer in time: refused, fail closed. */
  | 'BUDGET_STORE_UNAVAILABLE'
  /** A reservation was settled or released twice, or after the other. */
  | 'RESERVATION_CLOSED'
  /** The run passed its maximum runtime. */
  | 'RUNTIME_EXCEEDED'
  /** Another writer holds the run's ledger. */
  | 'LEDGER_LOCKED'
  /** The ledger was closed and cannot take more records. */
  | 'LEDGER_CLOSED'
  /** The ledger on disk is damaged somewhere other than a torn last line. */
  | 'LEDGER_CORRUPT'
  /**
   * The run's folder could not be written (a full disk, no permission, a read-only file
   * system): the host's storage to fix, not its arguments.
   */
  | 'LEDGER_WRITE_FAILED'
  /**
   * The host's checkpoint signer (a KMS, an HSM) threw, rejected or did not answer in time:
   * nothing was signed or written; retry once the key service answers.
   */
  | 'SIGNER_UNAVAILABLE'
  /** An artifact named by a record is not in the store. */
  | 'ARTIFACT_NOT_FOUND'
  /** A needed credential (e.g. OPENAI_API_KEY) is not configured. */
  | 'MISSING_CREDENTIAL'
  /** A request to a host outside the egress allowlist was refused before any socket opened. */
  | 'EGRESS_DENIED'
  /** The policy refuses the call (model not allowed, remote calls disabled, mode mismatch). */
  | 'POLICY_DENIED'
  /** The call falls outside every run window of the policy. */
  | 'RUN_WINDOW_CLOSED'
  /** The provider failed after the last permitted attempt. */
  | 'PROVIDER_UNAVAILABLE'
  /** Model output did not validate against the response schema. */
  | 'OUTPUT_VALIDATION'
  /** A response schema cannot be used in the provider's strict structured-output mode. */
  | 'UNSUPPORTED_SCHEMA'
  /**
   * The host gave the call up before it was made or answered: through its `signal` option,
   * or by stopping the rate limiter it waited in (`details.reason: 'limiter_stopped'`).
   */
  | 'CALL_CANCELLED'
  /** Replay found no recorded response for the request. */
  | 'REPLAY_MISS'
  /** An unexpected failure inside the SDK (a bug): the ledger has the record; please report it. */
  | 'INTERNAL_ERROR';
