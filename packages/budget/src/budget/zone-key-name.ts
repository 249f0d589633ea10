import { TIME_ZONE_ALIASES } from './time-zone-aliases.js';

/**
 * The zone's name in period keys, the same on every Node version: the alias table's name
 * for what the host wrote, else for what Intl resolved it to, else Intl's name. Intl alone
 * is not stable: Node 20 turns `Asia/Kolkata` into `Asia/Calcutta` and `Etc/UTC` into
 * `UTC`, newer Node versions return the name as given, so processes sharing a Redis store
 * across an upgrade would book one zone's day under two keys, each capped on its own.
 */
export function zoneKeyName(requested: string, resolved: string): string {
  return (
    TIME_ZONE_ALIASES.get(requested.toLowerCase()) ??
    TIME_ZONE_ALIASES.get(resolved.toLowerCase()) ??
    resolved
  );
}
