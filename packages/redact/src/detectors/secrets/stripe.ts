import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isPlaceholder } from './placeholder.js';

/**
 * Stripe secret and restricted keys (`sk_live_`, `sk_test_`, `rk_live_`, `rk_test_`) and
 * webhook signing secrets (`whsec_`). Publishable keys (`pk_`) are public by design.
 */
export const stripeKey: Detector = anchoredDetector({
  id: 'stripe-key',
  type: 'secret',
  kind: 'stripe',
  priority: 100,
  anchors: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_'],
  notAfter: /[A-Za-z0-9_]/,
  pattern: /(?:[sr]k_(?:live|test)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9]{24,64})(?![A-Za-z0-9_])/,
  validate: (value) => !isPlaceholder(value.slice(value.lastIndexOf('_') + 1)),
});
