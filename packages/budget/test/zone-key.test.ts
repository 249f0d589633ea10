import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBudget } from './helpers.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** The day and month keys a budget in `timeZone` books into at NOW. */
async function periodKeys(timeZone: string): Promise<string[]> {
  const budget = createBudget({
    limits: {},
    clock: () => NOW,
    alerts: false,
    period: { day: { tokens: 10 }, month: { tokens: 10 }, timeZone },
  });
  return (await budget.usage()).scopes.slice(1).map((s) => s.scopeKey);
}

/**
 * Intl as newer Node versions have it (ECMA-402 since 2024): `resolvedOptions().timeZone`
 * is the name as given, not canonicalised. Node 20 canonicalises (`Asia/Kolkata` ->
 * `Asia/Calcutta`, `Etc/UTC` -> `UTC`). Another Node binary is not at hand here, so the
 * test gives Node 20 the newer behaviour.
 */
function withNameAsGiven(): void {
  const Real = Intl.DateTimeFormat;
  class AsGiven extends Real {
    readonly #asGiven: string | undefined;
    constructor(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      super(locales, options);
      this.#asGiven = options?.timeZone;
    }
    override resolvedOptions(): Intl.ResolvedDateTimeFormatOptions {
      const resolved = super.resolvedOptions();
      return this.#asGiven === undefined ? resolved : { ...resolved, timeZone: this.#asGiven };
    }
  }
  vi.stubGlobal('Intl', { ...Intl, DateTimeFormat: AsGiven });
}

describe('period keys name the zone the same on every Node version', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('an alias keys as on Node 20, whether Intl canonicalises it or returns it as given', async () => {
    const zones = ['Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Etc/UTC', 'GMT', 'US/Eastern'];
    const node20 = await Promise.all(zones.map(periodKeys));
    expect(node20).toEqual([
      ['day:Asia/Calcutta:2026-11-23', 'month:Asia/Calcutta:2026-11'],
      ['day:Asia/Calcutta:2026-11-23', 'month:Asia/Calcutta:2026-11'],
      ['day:Europe/Kiev:2026-11-23', 'month:Europe/Kiev:2026-11'],
      ['day:2026-11-23', 'month:2026-11'],
      ['day:2026-11-23', 'month:2026-11'],
      ['day:America/New_York:2026-11-23', 'month:America/New_York:2026-11'],
    ]);
    withNameAsGiven();
    expect(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/UTC' }).resolvedOptions().timeZone,
    ).toBe('Etc/UTC');
    expect(await Promise.all(zones.map(periodKeys))).toEqual(node20);
  });

  it('a zone without aliases keeps its name', async () => {
    withNameAsGiven();
    expect(await periodKeys('Europe/Berlin')).toEqual([
      'day:Europe/Berlin:2026-11-23',
      'month:Europe/Berlin:2026-11',
    ]);
  });
});
