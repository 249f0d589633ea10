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
  const [name, size] = UNITS.find(([, size]) => ms >= size) ?? UNITS[UNITS.length - 1]!;
  const value = Math.round((ms / size) * 10) / 10;
  return `${value} ${name}${value === 1 ? '' : 's'}`;
}
