export { ReplayMissError } from './replay/replay-miss-error.js';
export { type ReplayProviderOptions, replayProvider } from './replay/replay-provider.js';
