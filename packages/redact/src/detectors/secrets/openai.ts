import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * OpenAI API keys: legacy `sk-` + 48 characters, and the scoped forms `sk-proj-`,
 * `sk-svcacct-`, `sk-admin-`. `sk-ant-` belongs to Anthropic and is left to its detector.
 */
export const openaiKey: Detector = anchoredDetector({
  id: 'openai-key',
  type: 'secret',
  kind: 'openai',
  priority: 100,
  anchors: ['sk-'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern: /sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/,
  validate: (value) => !isPlaceholder(value.slice(value.indexOf('-', 3) + 1)),
});
