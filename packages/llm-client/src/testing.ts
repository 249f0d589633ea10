export {
  type ScriptedAnswer,
  type ScriptedProvider,
  scriptedProvider,
} from './testing/scripted-provider.js';
