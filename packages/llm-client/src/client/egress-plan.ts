import type { ExecutionMode } from '@pm/envelope-schemas';
import type { LLMProvider } from '../provider/provider.js';

/** Where the client's provider may go, decided once per client. */
export interface EgressPlan {
  /** Origins the guarded fetch lets through. */
  allow: string[];
  /** Whether the provider goes through the configured gateway (needed in cloud/hybrid mode). */
  gatewayConfigured: boolean;
}

/**
 * Local mode: the host's list, or by default the provider's own origins (for OpenAI, the
 * API host). Cloud and hybrid: only the gateway; without one, nothing (the policy check then
 * refuses remote calls, naming the fix).
 */
export function planEgress(
  mode: ExecutionMode,
  provider: LLMProvider,
  egress: { allow?: readonly string[]; gateway?: string } | undefined,
): EgressPlan {
  const gateway = egress?.gateway === undefined ? undefined : new URL(egress.gateway).origin;
  const gatewayConfigured =
    gateway !== undefined &&
    provider.origins.length > 0 &&
    provider.origins.every((o) => o === gateway);
  if (mode === 'local')
    return { allow: [...(egress?.allow ?? provider.origins)], gatewayConfigured };
  return { allow: gateway === undefined ? [] : [gateway], gatewayConfigured };
}
