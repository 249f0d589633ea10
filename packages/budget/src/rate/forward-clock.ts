/**
 * `Date.now()` that never goes back: when the wall clock is set back, the readings resume
 * from the last one plus the time `performance.now()` saw pass since, and move on at the
 * wall clock's pace. A sliding window on the raw wall clock would keep the grants made
 * "later" for the whole jump and park every call behind them.
 *
 * Not `performance.now()` throughout: hosts test with fake timers that fake `Date` and
 * `setTimeout` only (bottleneck, like this window, ran on `Date.now()`), and the window's
 * timers must agree with its clock. A clock set forward is indistinguishable from time
 * passing: the window empties at once, as the shared limiter's does on Redis's clock.
 * (`Date` and `performance` are looked up at each reading, so fake timers installed later
 * are followed.)
 */
export function forwardClock(
  wall: () => number = () => Date.now(),
  monotonic: () => number = () => performance.now(),
): () => number {
  let last = Number.NEGATIVE_INFINITY;
  let lastMonotonic = 0;
  let offset = 0;
  return () => {
    const m = monotonic();
    let now = wall() + offset;
    if (now < last) {
      const resumed = last + Math.max(0, m - lastMonotonic);
      offset += resumed - now;
      now = resumed;
    }
    last = now;
    lastMonotonic = m;
    return now;
  };
}
