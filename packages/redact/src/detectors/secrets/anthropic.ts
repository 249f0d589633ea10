import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/** Anthropic API and admin keys: `sk-ant-api03-…`, `sk-ant-admin01-…`. */
export const anthropicKey: Detector = anchoredDetector({
  id: 'anthropic-key',
  type: 'secret',
  kind: 'anthropic',
  priority: 100,
  anchors: ['sk-ant-'],
  notAfter: /[A-Za-z0-9_-]/,
  pattern: /sk-ant-[a-z]{2,8}[0-9]{0,3}-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/,
  validate: (value) => !isPlaceholder(value.slice(value.indexOf('-', 7) + 1)),
});
