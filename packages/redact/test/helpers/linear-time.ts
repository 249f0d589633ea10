import { expect } from 'vitest';

/** How many times larger the large input is than the small one. */
const FACTOR = 8;
/**
 * Largest time ratio accepted between the two inputs: linear work gives 8, quadratic 64.
 * Half the quadratic ratio (32) leaves room for what grows a little faster than the text without being
 * quadratic (a megabyte of escapes: each 4x the text took 5-7x the time, from garbage
 * collection and caches) and for a pause on the large input, without letting a quadratic
 * scan through. Compared at 4x, such linear work came within 1.3x of an 8x limit.
 */
const MAX_RATIO = 32;
/** Rounds always measured: the minimum of a few is what the work costs, not the machine's load. */
const MIN_ROUNDS = 3;
/**
 * Rounds measured at most while the ratio is too high but not far over (a loaded machine,
 * a pause): one far over is quadratic, and more rounds of it would only take minutes.
 */
const MAX_ROUNDS = 8;
const RECHECK_BELOW = 1.5 * MAX_RATIO;

/**
 * Shortest time a measurement of the small input should take: a scan the prefilter skips
 * takes microseconds, where the timer's resolution and one interrupt would decide the ratio.
 */
const MIN_MEASURED_MS = 2;

/** Milliseconds `reps` calls of `run` on `input` take. */
function time<T>(run: (input: T) => unknown, input: T, reps: number): number {
  const start = performance.now();
  for (let i = 0; i < reps; i++) run(input);
  return performance.now() - start;
}

/**
 * Asserts that `run` takes time linear in its input, not quadratic (catastrophic
 * backtracking, a search restarted at every match): it is timed on `make(size / 8)` and on
 * `make(size)` in the same process, rounds interleaved, and the minimum times compared.
 * No wall-clock limit: the project keeps speed targets in bench/, and a limit in
 * milliseconds failed when CI ran the suite on two loaded cores. Load slows both sizes
 * alike, so the ratio stays near 8 for linear work; a quadratic regression makes it ~64.
 * Returns the ratio seen.
 */
export function expectLinearTime<T>(
  make: (size: number) => T,
  run: (input: T) => unknown,
  size: number,
  label = '',
): number {
  const small = make(Math.ceil(size / FACTOR));
  const large = make(size);
  // Warm-up: compile the patterns and the code path before anything is timed; then as
  // many calls per measurement as make the small one measurable (the same for both).
  run(small);
  const once = time(run, small, 1);
  const reps = Math.min(100, Math.max(1, Math.ceil(MIN_MEASURED_MS / Math.max(once, 0.001))));
  let smallMin = Number.POSITIVE_INFINITY;
  let largeMin = Number.POSITIVE_INFINITY;
  let ratio = Number.POSITIVE_INFINITY;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    smallMin = Math.min(smallMin, time(run, small, reps));
    largeMin = Math.min(largeMin, time(run, large, reps));
    ratio = largeMin / smallMin;
    if (round >= MIN_ROUNDS && (ratio < MAX_RATIO || ratio >= RECHECK_BELOW)) break;
  }
  expect(
    ratio,
    `${label} ${largeMin.toFixed(1)} ms at ${size} against ${smallMin.toFixed(1)} ms at 1/${FACTOR}`,
  ).toBeLessThan(MAX_RATIO);
  return ratio;
}
