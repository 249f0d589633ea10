export type { AllowList } from './allow-list.js';
export { detectSecrets } from './detect-secrets.js';
export type { Detector } from './detector.js';
export type { HostDetectorSpec } from './detectors/host-detector.js';
export type {
  BuiltinFindingType,
  Finding,
  FindingType,
  SecretFinding,
  SecretKind,
} from './finding.js';
export {
  type ApprovalProblem,
  ApprovalRequiredError,
} from './minimise/approval-required-error.js';
export {
  type BuildDisclosureOptions,
  buildDisclosure,
  type Disclosure,
  type DisclosureLevel,
} from './minimise/build-disclosure.js';
export type { ApprovalContext } from './minimise/check-approval.js';
export type { DayRange } from './minimise/day-range.js';
export {
  type DescribeEventLogOptions,
  describeEventLog,
  type EventLogRoles,
  type EventLogSummary,
} from './minimise/describe-event-log.js';
export {
  COLUMN_CAP,
  type ColumnSummary,
  DISTINCT_CAP,
  DISTINCT_TOTAL_CAP,
  describeTable,
  type TableDescription,
} from './minimise/describe-table.js';
export type { ColumnType } from './minimise/infer-type.js';
export type { Row, RowSource } from './minimise/rows.js';
export {
  type ProfileInput,
  type SampleRowsOptions,
  type SampleRowsResult,
  sampleRows,
} from './minimise/sample-rows.js';
export type { FrequencyEntry, FrequencyTable } from './minimise/top-n.js';
export {
  BUILTIN_PROFILES,
  type BuiltinProfileName,
  profileRef,
} from './profiles/builtin-profiles.js';
export { HASHED_RETAIL_PROFILE } from './profiles/hashed-retail.js';
export { HOMEBREW_PROFILE } from './profiles/homebrew.js';
export { STRICT_PROFILE } from './profiles/strict.js';
export { createRedactor } from './redactor/create-redactor.js';
export type {
  Redactor,
  RedactorOptions,
  RedactTextResult,
  RedactValueResult,
} from './redactor/types.js';
