/** Times a value is percent-decoded at most: `%25` nests an encoding in another (`%255B` is `%5B` is `[`). */
export const MAX_PERCENT_DECODES = 5;

/**
 * `value` percent-decoded up to `times` times, stopping when no `%` is left
 * (`%257B%257Btoken%257D%257D` twice is `{{token}}`), or as it is where a decoding fails
 * (`p%ssw0rd` holds no escape).
 */
export function percentDecoded(value: string, times: number): string {
  let out = value;
  try {
    for (let i = 0; i < times && out.includes('%'); i++) out = decodeURIComponent(out);
  } catch {
    return value;
  }
  return out;
}
