import { MICRO_PER_USD } from '../prices/micro-usd.js';
import type { ScopeCounters } from './budget-store.js';
import type { ScopeLimits, ScopeUsage, UsageAmounts } from './budget-types.js';
import { NO_LIMIT } from './charge.js';
import type { ScopeDef } from './scope-set.js';

/** A scope's counters as a report: spent, reserved and remaining, USD in USD. */
export function scopeUsage(def: ScopeDef, counters: ScopeCounters): ScopeUsage {
  const { spent: s, reserved: r } = counters;
  const l = def.limits;
  const spent: UsageAmounts = {
    tokens: s.tokens,
    usd: s.microUsd / MICRO_PER_USD,
    requests: s.requests,
  };
  const reserved: UsageAmounts = {
    tokens: r.tokens,
    usd: r.microUsd / MICRO_PER_USD,
    requests: r.requests,
  };
  const remaining: { tokens?: number; usd?: number; requests?: number } = {};
  if (l.tokens !== NO_LIMIT) remaining.tokens = Math.max(0, l.tokens - s.tokens - r.tokens);
  if (l.microUsd !== NO_LIMIT)
    remaining.usd = Math.max(0, l.microUsd - s.microUsd - r.microUsd) / MICRO_PER_USD;
  if (l.requests !== NO_LIMIT)
    remaining.requests = Math.max(0, l.requests - s.requests - r.requests);
  const c = def.configured;
  const limits: ScopeLimits = {
    ...(c.tokens !== undefined ? { tokens: c.tokens } : {}),
    ...(c.usd !== undefined ? { usd: c.usd } : {}),
    ...(c.requests !== undefined ? { requests: c.requests } : {}),
  };
  return { scope: def.name, scopeKey: counters.key, limits, spent, reserved, remaining };
}
