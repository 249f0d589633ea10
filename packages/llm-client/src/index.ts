export { MissingCredentialError } from './credentials/missing-credential-error.js';
export { type ResolveApiKeyOptions, resolveApiKey } from './credentials/resolve-api-key.js';
export { type EgressDenialReason, EgressDeniedError } from './egress/egress-denied-error.js';
export {
  createEgressFetch,
  type EgressDenial,
  type EgressFetchOptions,
} from './egress/egress-fetch.js';
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
  isRetryableStatus,
  ProviderError,
  type ProviderFailure,
  parseRetryAfter,
} from './provider/provider-error.js';
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
