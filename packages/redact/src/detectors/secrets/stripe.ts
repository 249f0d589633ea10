import type { Detector } from '../../detector.js';
import { anchoredDetector } from '../anchored-detector.js';
import { isIssuedRandomBody } from './issued-random-body.js';
import { isPlaceholder } from './placeholder.js';

/**
 * Stripe secret and restricted keys (`sk_live_`, `sk_test_`, `rk_live_`, `rk_test_`) and
 * webhook signing secrets (`whsec_`). Publishable keys (`pk_`) are public by design. One
 * glued to text before it is `stripeGluedKey`'s.
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

/**
 * A Stripe secret or restricted key glued to text before it (`mykeysk_live_…`,
 * `x_sk_test_…`), which `stripeKey` leaves: there `task_live_…` or `disk_test_…` is a name
 * far more often than a key. Taken only in the lengths Stripe issues (24 random
 * characters, or 99 in keys since 2019) with a digit and both letter cases in them, the
 * whole token ending there. Run only where a letter, digit or `_` is right before the
 * anchor (elsewhere `stripeKey` reads it); the fixed counts stop the pattern after 107
 * characters however the text goes on.
 */
export const stripeGluedKey: Detector = anchoredDetector({
  id: 'stripe-key',
  type: 'secret',
  kind: 'stripe',
  priority: 100,
  anchors: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
  notAfter: /[^A-Za-z0-9_]/,
  pattern: /[sr]k_(?:live|test)_(?:[A-Za-z0-9]{99}|[A-Za-z0-9]{24})(?![A-Za-z0-9_])/,
  validate: (value, _text, start) => start > 0 && isIssuedRandomBody(value.slice(8)),
});
