import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { shownNumber } from '../errors/kind-of.js';
import { ALERT_KEYS, checkKnownKeys } from './option-keys.js';

/** Alert levels, from routine to "the hard stop was hit". */
export type AlertLevel = 'info' | 'warning' | 'critical' | 'exhausted';

/** A level and the share of a limit (in thousandths, integer so Lua and JS agree) that fires it. */
export interface AlertThreshold {
  /** The level fired. */
  readonly level: AlertLevel;
  /** Fires when spent * 1000 >= permille * limit. */
  readonly permille: number;
}

/**
 * Fractions of a limit at which each level fires, in whole thousandths (0.001 to 0.999);
 * `exhausted` is always 100% (and a refusal).
 */
export interface AlertFractions {
  /** Routine milestone. Default 0.5. */
  readonly info?: number;
  /** Elevated use; evaluate whether expected. Default 0.8. */
  readonly warning?: number;
  /** Limit approaching; review now. Default 0.95. */
  readonly critical?: number;
}

/** The spec's tiers: info 50%, warning 80%, critical 95%, exhausted 100%. */
export const DEFAULT_ALERT_FRACTIONS: Required<AlertFractions> = Object.freeze({
  info: 0.5,
  warning: 0.8,
  critical: 0.95,
});

/**
 * Resolves the configured fractions to thresholds, ascending. `false` disables alerts.
 * Levels must rise strictly (info < warning < critical, defaults filling the rest), so
 * `{ info: 0.9 }` with the default warning 0.8 is `InvalidArgumentError`.
 */
export function alertThresholds(
  fractions: AlertFractions | false | undefined,
): readonly AlertThreshold[] {
  if (fractions === false) return Object.freeze([]);
  // A misspelt level (`warn`) would silently keep its default.
  if (fractions !== undefined) {
    checkKnownKeys(fractions, 'alerts', ALERT_KEYS, 'alerts: { warning: 0.8 }');
  }
  const merged = { ...DEFAULT_ALERT_FRACTIONS, ...fractions };
  const list: AlertThreshold[] = [];
  for (const level of ['info', 'warning', 'critical'] as const) {
    const f = merged[level];
    if (typeof f !== 'number' || !(f > 0 && f < 1)) {
      throw new InvalidArgumentError(
        `alerts.${level} must be a fraction between 0 and 1 (e.g. 0.8); got ${shownNumber(f)}.`,
      );
    }
    const permille = Math.round(f * 1000);
    // Tiers are compared in whole thousandths (integers, so Lua and JS agree): any other
    // fraction would be moved to its nearest thousandth and fire early or late, at $0
    // (0.0004) or only with `exhausted` (0.9996). Refused, so the host learns it.
    if (permille < 1 || permille > 999 || Math.abs(f * 1000 - permille) > 1e-6) {
      throw new InvalidArgumentError(
        `alerts.${level} must be a whole number of thousandths, 0.001 to 0.999 (e.g. 0.8 or 0.815); got ${shownNumber(f)}.`,
      );
    }
    const below = list.at(-1);
    // Levels rise with spend. Out of order or equal, a tier would fire after (or with) a
    // higher one, and the refusal that marks `exhausted` keys on critical being the last:
    // an ambiguous configuration is refused, never re-sorted.
    if (below !== undefined && permille <= below.permille) {
      throw new InvalidArgumentError(
        `alerts.${level} (${f}) must be above alerts.${below.level} (${merged[below.level as keyof typeof merged]}): the levels rise info < warning < critical, each at a different fraction (defaults 0.5, 0.8, 0.95 fill the levels not given). Moving a level past a neighbour's default? Set both, e.g. alerts: { info: 0.9, warning: 0.95, critical: 0.99 }.`,
      );
    }
    list.push({ level, permille });
  }
  list.push({ level: 'exhausted', permille: 1000 });
  return Object.freeze(list);
}
