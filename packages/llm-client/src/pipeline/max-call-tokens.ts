/**
 * The most tokens one call can count in any one part of its usage (input, cached, output,
 * reasoning), and the highest `maxOutputTokens` a call may ask for: one billion, two orders
 * of magnitude above the largest context window any model offers. A count above it is not
 * usage but a fault (a gateway's, or a host provider reporting bytes or a running total):
 * priced, it passes the 2^53 micro-dollars the budget counts exactly, so the budget refused
 * to settle a call that had been answered; summed, it passes the integers of the run's
 * summary, so the ledger refused the `run_end` record and `run.end()` failed for good.
 * Bounded here, a million such calls still sum well inside 2^53.
 */
export const MAX_CALL_TOKENS = 1_000_000_000;
