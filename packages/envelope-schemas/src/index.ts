export {
  ApprovalDecisionV1,
  ApprovalScope,
  approves,
  parseApprovalDecision,
  safeParseApprovalDecision,
} from './approval/approval-decision-v1.js';
export {
  AutomationPolicyV1,
  ExecutionMode,
  parseAutomationPolicy,
  RunWindowText,
  safeParseAutomationPolicy,
} from './automation-policy/automation-policy-v1.js';
export {
  parseRunWindow,
  RUN_WINDOW_PATTERN,
  type RunWindow,
  type RunWindowState,
  runWindowState,
} from './automation-policy/run-window.js';
export { isKnownTimeZone } from './automation-policy/time-zone.js';
export {
  ArtifactRef,
  ModelName,
  PolicyId,
  ReasoningEffort,
  RunId,
  Sha256Hex,
  StageName,
  Timestamp,
  VersionedId,
} from './common/identifiers.js';
export type { PmErrorCode } from './errors/error-codes.js';
export { isPmError, PmError, type PmErrorOptions } from './errors/pm-error.js';
export { type SchemaProblem, SchemaValidationError } from './errors/schema-validation-error.js';
export { jsonSchemas } from './json-schemas/json-schemas.js';
export {
  isLedgerRecord,
  isLedgerRecordData,
  LEDGER_RECORD_TYPES,
  type LedgerRecordData,
  LedgerRecordDataV1,
  type LedgerRecordType,
  LedgerRecordV1,
  parseLedgerRecord,
  ScrubbedV1,
  safeParseLedgerRecord,
} from './ledger-records/ledger-record-v1.js';
export {
  AlertDataV1,
  ApprovalDataV1,
  ErrorDataV1,
  PipelinePhase,
  RecoveredDataV1,
  RequestDataV1,
  ResponseDataV1,
  RunEndDataV1,
  RunStartDataV1,
} from './ledger-records/record-data.js';
export { TokenUsageV1 } from './ledger-records/usage.js';
export type { SafeParseResult } from './parse/create-parser.js';
export { isQuotableKey } from './parse/quotable-key.js';
export {
  parseRedactionProfile,
  RedactionOperator,
  RedactionProfileV1,
  safeParseRedactionProfile,
} from './redaction-profile/redaction-profile-v1.js';
export {
  parseRequestEnvelope,
  RequestEnvelopeV1,
  safeParseRequestEnvelope,
  TemplateRefV1,
} from './request-envelope/request-envelope-v1.js';
export { isSecretValue, REDACTED_TEXT, SecretValue } from './secret/secret-value.js';
export { onAbort } from './signal/on-abort.js';
