import type { ProviderCallRequest } from '../provider/provider.js';

/**
 * Offline answers for the three agent moves (spec 000 §3), rendered from the aggregates the
 * prompt carries. Returns undefined for requests that are not one of the moves.
 */
export function offlineMoveOutput(request: ProviderCallRequest): unknown {
  switch (request.template?.id) {
    default:
      return undefined;
  }
}
