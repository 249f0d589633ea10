export { fakeApiKey } from './fake-api-key.js';
export {
  type Behaviour,
  type OpenAICompatibleServer,
  type RecordedRequest,
  startOpenAICompatibleServer,
} from './openai-compatible-server.js';
