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
