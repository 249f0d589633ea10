import type { ProviderCallRequest } from '../provider/provider.js';
import { requestHash } from './request-hash.js';

/**
 * Hashes taken, by request object. One call's request is hashed for its ledger record and,
 * with the replay provider, for the effort it records and for the answer it looks up: the
 * canonical JSON of a whole prompt is taken once instead of three times. Only the pipeline
 * adds entries, for the requests it builds and never changes; a host's request object may
 * change between calls, so it is hashed each time. Weak: an entry goes with its request.
 */
const taken = new WeakMap<ProviderCallRequest, string>();

/** {@link requestHash} of a request the pipeline built, taken once per request object. */
export function requestHashOnce(request: ProviderCallRequest): string {
  let hash = taken.get(request);
  if (hash === undefined) {
    hash = requestHash(request);
    taken.set(request, hash);
  }
  return hash;
}

/** The hash the pipeline took of `request`, else {@link requestHash} of it as it is now. */
export function knownRequestHash(request: ProviderCallRequest): string {
  return taken.get(request) ?? requestHash(request);
}

/**
 * Returns `copy`, a copy of `request` that adds only what the hash leaves out (an attempt's
 * `signal`), with `request`'s hash as its own when it is already taken: the attempt the
 * pipeline hands the provider is not hashed again.
 */
export function withHashOf<T extends ProviderCallRequest>(
  copy: T,
  request: ProviderCallRequest,
): T {
  const hash = taken.get(request);
  if (hash !== undefined) taken.set(copy, hash);
  return copy;
}
