export { MissingCredentialError } from './credentials/missing-credential-error.js';
export { type ResolveApiKeyOptions, resolveApiKey } from './credentials/resolve-api-key.js';
