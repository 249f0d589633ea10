import type { BudgetStore } from '@pm/budget';
import { createLLMClient, type LLMClient, type LLMProvider } from '@pm/llm-client';

/** A tenant's spend settings. */
export interface TenantConfig {
  /** USD per UTC day, shared by all of the tenant's requests; a request that does not fit is refused. */
  usdPerDay: number;
}

export interface TenantClientOptions {
  /** Shared by every tenant; undefined = the SDK's offline provider. */
  provider: LLMProvider | undefined;
  model: string;
  ledgerDir: string;
  /** Where a tenant's counters live: memory here; `redisStore({ prefix })` with replicas. */
  storeFor: (tenant: string) => BudgetStore;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * One client per tenant. The budget's store and its day cap are client options (a run has
 * none of its own), so the tenant boundary is the client boundary: each tenant's client has
 * its own counters and cap and its own ledger folder, and they all share one provider.
 * Clients are created once at start-up: creating one does no I/O, and the tenant list is
 * the service's to know (an unknown tenant is a 404, never a new budget).
 */
export function createTenantClients(
  tenants: Readonly<Record<string, TenantConfig>>,
  options: TenantClientOptions,
): Map<string, LLMClient> {
  const clients = new Map<string, LLMClient>();
  for (const [tenant, config] of Object.entries(tenants)) {
    // The id names a ledger folder and a URL segment: keep it to safe characters.
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(tenant)) {
      throw new Error(`Tenant id "${tenant}": use lower-case letters, digits and dashes.`);
    }
    clients.set(
      tenant,
      createLLMClient({
        ...(options.provider ? { provider: options.provider } : {}),
        policy: {
          schema_version: '1',
          policy_id: 'narrative-service',
          execution_mode: 'local',
          requires_approval: false,
          // Per request (one run per request): no single request may cost more than this.
          max_cost_usd: 0.05,
          max_runtime_minutes: 2,
          allowed_models: [options.model],
          run_windows: ['daily:00:00-24:00'],
        },
        budget: { store: options.storeFor(tenant), period: { day: { usd: config.usdPerDay } } },
        ledger: { dir: `${options.ledgerDir}/${tenant}` },
        env: options.env,
      }),
    );
  }
  return clients;
}
