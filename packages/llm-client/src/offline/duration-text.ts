const UNITS: readonly [name: string, ms: number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * A duration in the largest unit it reaches, to one decimal: "2 minutes", "1.5 days".
 * Offline narratives state case durations this way because a fixed unit hid short ones
 * (a two-minute case read "0 days").
 */
export function durationText(ms: number): string {
  const unitOf = (n: number) => UNITS.find(([, size]) => n >= size) ?? UNITS[UNITS.length - 1]!;
  // Rounded in the unit it reaches first, so 59,999 ms, which rounds to 60 seconds, reads
  // "1 minute" (and 23.96 hours "1 day").
  const reached = unitOf(ms)[1];
  const rounded = (Math.round((ms / reached) * 10) / 10) * reached;
  const [name, size] = unitOf(rounded);
  const value = Math.round((rounded / size) * 10) / 10;
  return `${value} ${name}${value === 1 ? '' : 's'}`;
}
