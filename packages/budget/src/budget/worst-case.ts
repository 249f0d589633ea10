import { worstCaseCostMicro } from '../prices/estimate-cost.js';
import type { ModelPrice } from '../prices/price-table.js';
import type { Charge } from './charge.js';
import { exactCharge } from './limits.js';

const WHAT = "The call's worst case";

/**
 * What `budget.reserve` holds: `requests` attempts, each of which may be billed its input
 * (at the dearer of the input and cached input price) and all of its `maxOutputTokens` (a
 * retry after a timeout re-sends the input, and the abandoned attempt may have produced
 * output), so `requests` times one attempt's tokens and cost, rounded up once as settle
 * rounds. `requests: 0` holds one attempt's tokens and cost and counts no request. An
 * unpriced model (`price` undefined) costs 0 here; the caller refuses it under a USD cap.
 */
export function worstCaseCharge(
  price: ModelPrice | undefined,
  inputTokens: number,
  maxOutputTokens: number,
  requests: number,
): Charge {
  const attempts = requests === 0 ? 1 : requests;
  const input = inputTokens * attempts;
  const output = maxOutputTokens * attempts;
  const tokens = input + output;
  // Refused before pricing: past 2^53 the products are not exact, and neither is a cost.
  if (!Number.isSafeInteger(tokens)) {
    exactCharge({ tokens, microUsd: 0, requests }, tooLarge(requests));
  }
  const microUsd = price === undefined ? 0 : worstCaseCostMicro(price, input, output);
  return exactCharge(
    { tokens, microUsd, requests },
    Number.isSafeInteger(microUsd) ? WHAT : tooLarge(requests),
  );
}

/** The worst case named with its factors: each count may be fine, only their product not. */
function tooLarge(requests: number): string {
  return requests > 1
    ? `${WHAT} (inputTokens + maxOutputTokens, times requests (${requests}))`
    : WHAT;
}
