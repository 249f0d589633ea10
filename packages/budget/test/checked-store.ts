import type { BudgetStore, Charge, ScopeCounters, StoreLimits } from '../src/index.js';

/** A store wrapper that records every scope's limits and checks after each operation that nothing is over a cap. */
export function checkedStore(
  inner: BudgetStore,
  onViolation: (message: string) => void,
): BudgetStore & {
  readonly limits: Map<string, StoreLimits>;
  check(): Promise<readonly ScopeCounters[]>;
} {
  const limits = new Map<string, StoreLimits>();
  const over = (c: Charge, r: Charge | undefined, l: StoreLimits): string | undefined => {
    const t = c.tokens + (r?.tokens ?? 0);
    const m = c.microUsd + (r?.microUsd ?? 0);
    const q = c.requests + (r?.requests ?? 0);
    if (l.tokens >= 0 && t > l.tokens) return `tokens ${t} > ${l.tokens}`;
    if (l.microUsd >= 0 && m > l.microUsd) return `microUsd ${m} > ${l.microUsd}`;
    if (l.requests >= 0 && q > l.requests) return `requests ${q} > ${l.requests}`;
    return undefined;
  };
  async function check(): Promise<readonly ScopeCounters[]> {
    const counters = await inner.usage([...limits.keys()]);
    for (const c of counters) {
      const l = limits.get(c.key)!;
      const booked = over(c.spent, c.reserved, l);
      if (booked !== undefined) onViolation(`${c.key}: booked (spent + reserved) ${booked}`);
      if (c.reserved.tokens < 0 || c.reserved.microUsd < 0 || c.reserved.requests < 0)
        onViolation(`${c.key}: negative reserved`);
    }
    return counters;
  }
  return {
    limits,
    check,
    async reserve(request) {
      for (const s of request.scopes) limits.set(s.key, s.limits);
      const result = await inner.reserve(request);
      await check();
      return result;
    },
    async settle(id, actual, thresholds) {
      const result = await inner.settle(id, actual, thresholds);
      await check();
      return result;
    },
    async release(id, thresholds) {
      const result = await inner.release(id, thresholds);
      await check();
      return result;
    },
    usage: (keys) => inner.usage(keys),
  };
}
