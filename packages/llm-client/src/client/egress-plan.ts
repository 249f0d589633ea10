import { type ExecutionMode, PmError } from '@pm/envelope-schemas';
import { parseOrigin } from '../egress/parse-origin.js';
import type { LLMProvider } from '../provider/provider.js';

/** Where the client's provider may go, decided once per client. */
export interface EgressPlan {
  /** Origins the guarded fetch lets through, normalised. */
  allow: string[];
  /** The gateway's origin, when one is configured. */
  gateway: string | undefined;
  /** Whether the provider goes through the configured gateway (needed in cloud/hybrid mode). */
  gatewayConfigured: boolean;
}

/**
 * Local mode: the host's list, or by default the provider's own origins (for OpenAI, the
 * API host). Cloud and hybrid: only the gateway; without one, nothing (the policy check then
 * refuses remote calls, naming the fix). Every configured entry is validated here, when the
 * client is created: a malformed one is an `INVALID_ARGUMENT` naming the field.
 */
export function planEgress(
  mode: ExecutionMode,
  provider: LLMProvider,
  egress: { allow?: readonly string[]; gateway?: string } | undefined,
): EgressPlan {
  const gateway =
    egress?.gateway === undefined ? undefined : parseOrigin(egress.gateway, 'egress.gateway');
  if (egress?.allow !== undefined && !Array.isArray(egress.allow)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      'egress.allow must be an array of origins, e.g. ["https://api.openai.com"].',
      { details: { field: 'egress.allow' } },
    );
  }
  const allow =
    egress?.allow === undefined
      ? undefined
      : egress.allow.map((entry, i) => parseOrigin(entry, `egress.allow[${i}]`));
  const gatewayConfigured =
    gateway !== undefined &&
    provider.origins.length > 0 &&
    provider.origins.every((o) => o === gateway);
  if (mode === 'local')
    return { allow: allow ?? [...provider.origins], gateway, gatewayConfigured };
  return { allow: gateway === undefined ? [] : [gateway], gateway, gatewayConfigured };
}
