export { AnswerTooLargeError } from './openai/answer-too-large-error.js';
export type { ApiKeyOption } from './openai/api-key-source.js';
export { type OpenAIProviderOptions, openaiProvider } from './openai/openai-provider.js';
export { strictSchemaProblems } from './openai/strict-json-schema.js';
export { UnsupportedSchemaError } from './openai/unsupported-schema-error.js';
