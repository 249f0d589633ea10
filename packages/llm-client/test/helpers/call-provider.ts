import { createEgressFetch, type LLMProvider, type ProviderCallRequest } from '../../src/index.js';

/** Calls `provider` directly with a short "Say ok." request, through an egress fetch allowing only its origins. */
export function callProvider(
  provider: LLMProvider,
  request: Partial<ProviderCallRequest> = {},
): ReturnType<LLMProvider['call']> {
  return provider.call(sayOk(request), { fetch: createEgressFetch({ allow: provider.origins }) });
}

/** A "Say ok." provider request: gpt-4o, 8 output tokens and low effort unless told. */
export function sayOk(request: Partial<ProviderCallRequest> = {}): ProviderCallRequest {
  return {
    requestId: 'req-1',
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Say ok.' }],
    maxOutputTokens: 8,
    reasoningEffort: 'low',
    ...request,
  };
}
