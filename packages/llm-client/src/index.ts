// The error base and the secret wrapper, so hosts need import only this package.
export { isPmError, PmError, type PmErrorCode, SecretValue } from '@pm/envelope-schemas';
export type {
  ApprovalRequest,
  ClientBudgetOptions,
  LLMClientOptions,
} from './client/client-options.js';
export {
  type ClientDescription,
  createLLMClient,
  type LLMClient,
  type StartRunOptions,
} from './client/create-llm-client.js';
export { defaultPolicy } from './client/default-policy.js';
export type { LLMEvent } from './client/events.js';
export { MissingCredentialError } from './credentials/missing-credential-error.js';
export { type ResolveApiKeyOptions, resolveApiKey } from './credentials/resolve-api-key.js';
export { type EgressDenialReason, EgressDeniedError } from './egress/egress-denied-error.js';
export {
  createEgressFetch,
  type EgressDenial,
  type EgressFetchOptions,
} from './egress/egress-fetch.js';
export { ApprovalDeniedError } from './errors/approval-denied-error.js';
export { OutputValidationError } from './errors/output-validation-error.js';
export {
  draftNarrativeRequest,
  interpretGoalRequest,
  type MoveOptions,
  type RecommendedCommand,
  recommendNextCommandRequest,
} from './moves/agent-moves.js';
export { AnalysisKind, GoalInterpretationV1, NextCommandV1 } from './moves/move-schemas.js';
export { default } from './offline/default-offline-provider.js';
export { type OfflineProviderOptions, offlineProvider } from './offline/offline-provider.js';
export type { CallEstimate, CallResult } from './pipeline/call-input.js';
export { AnsweredModelNotAllowedError } from './policy/answered-model-not-allowed-error.js';
export { type CallPolicyFacts, checkCallPolicy } from './policy/check-call-policy.js';
export {
  type PolicyDenialReason,
  PolicyDeniedError,
  RunWindowClosedError,
} from './policy/policy-errors.js';
export type {
  LLMProvider,
  PromptMessage,
  ProviderCallContext,
  ProviderCallRequest,
  ProviderCallResult,
  ProviderDescription,
  ProviderEndpoint,
  ResponseFormat,
} from './provider/provider.js';
export {
  type ProviderFailure,
  ProviderUnavailableError,
} from './provider/provider-unavailable-error.js';
export {
  type GenerateObjectOptions,
  type GenerateOptions,
  LLMRun,
  type ObjectResult,
  type TextResult,
} from './run/llm-run.js';
export {
  BUILTIN_TEMPLATE_DIR,
  findTemplate,
  loadTemplates,
  type TemplateSet,
} from './template-files.js';
export { type DataBlock, renderDataBlock } from './templates/data-block.js';
export { type PromptTemplate, parsePromptTemplate } from './templates/prompt-template.js';
export {
  DEFAULT_MAX_BLOCK_CHARS,
  type RenderedPrompt,
  renderPrompt,
  type TemplateValues,
} from './templates/render-prompt.js';
