import type { AutomationPolicyV1 } from '@pm/envelope-schemas';
import type { ProviderDescription } from '../provider/provider.js';
import type { LLMClientOptions } from './client-options.js';

/** What the client decided at creation, besides the host's options. */
export interface SnapshotFacts {
  provider: ProviderDescription;
  killSwitch: boolean;
  executionMode: AutomationPolicyV1['execution_mode'];
  egressAllow: readonly string[];
  gateway: string | null;
  redactionProfile: string;
  /** The ledger's durability option: a mode name or `{ mode: 'batch', ... }`. */
  durability: unknown;
}

type Plain = number | string | boolean | null;

// Only finite numbers, strings and booleans pass: a host object (a Redis client, a store,
// a signer) is never walked, so whatever it holds (passwords, keys) cannot reach the ledger.
function plain(value: unknown): Plain | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return undefined;
}

/** Copies the named fields of `source` that are plain values; everything else is left out. */
function pick(source: unknown, fields: readonly string[]): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  if (source === null || typeof source !== 'object') return out;
  for (const field of fields) {
    const value = plain((source as Record<string, unknown>)[field]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

const SCOPE_LIMITS = ['tokens', 'usd', 'requests'] as const;

/**
 * The configuration as recorded in `run_start`: names, limits and switches, built from an
 * allow-list of plain fields. Host objects (stores, clients, signers, hooks) are recorded
 * only as whether they are configured, never spread, since they may hold credentials.
 */
export function configSnapshot(
  options: LLMClientOptions,
  facts: SnapshotFacts,
): Record<string, unknown> {
  const period = options.budget?.period;
  const rateLimit = options.rateLimit;
  return {
    provider: {
      name: String(facts.provider.name),
      remote: facts.provider.remote === true,
      endpoints: (facts.provider.endpoints ?? []).map((e) => pick(e, ['origin', 'purpose'])),
      credentialSource: String(facts.provider.credentialSource),
    },
    kill_switch: facts.killSwitch,
    execution_mode: facts.executionMode,
    egress_allow: [...facts.egressAllow],
    gateway: facts.gateway,
    redaction_profile: facts.redactionProfile,
    ledger_durability:
      typeof facts.durability === 'string'
        ? facts.durability
        : pick(facts.durability, ['mode', 'maxRecords', 'maxDelayMs']),
    ledger_signed: options.ledger?.signer !== undefined,
    budget_limits: pick(options.budget?.limits, [
      ...SCOPE_LIMITS,
      'maxInputTokensPerCall',
      'maxOutputTokensPerCall',
    ]),
    budget_period:
      period === undefined
        ? null
        : {
            ...(period.day ? { day: pick(period.day, SCOPE_LIMITS) } : {}),
            ...(period.month ? { month: pick(period.month, SCOPE_LIMITS) } : {}),
            ...pick(period, ['timeZone']),
          },
    budget_store: options.budget?.store === undefined ? 'memory' : 'host-supplied',
    retry: pick(options.retry, ['attempts', 'baseMs', 'maxMs', 'maxRetryAfterMs']),
    rate_limit: {
      ...pick(rateLimit, ['requestsPerMinute', 'tokensPerMinute', 'maxConcurrent', 'key']),
      store: rateLimit?.store === undefined ? null : 'shared',
    },
    on_unavailable: options.onUnavailable === 'offline' ? 'offline' : 'fail',
    approver_configured: options.approve !== undefined,
    approval_stages: (options.approvalStages ?? []).map(String),
  };
}
