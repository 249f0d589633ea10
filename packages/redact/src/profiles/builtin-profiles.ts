import type { RedactionProfileV1 } from '@pm/envelope-schemas';
import { HASHED_RETAIL_PROFILE } from './hashed-retail.js';
import { HOMEBREW_PROFILE } from './homebrew.js';
import { STRICT_PROFILE } from './strict.js';

/** Names of the profiles shipped with `@pm/redact`. */
export type BuiltinProfileName = 'homebrew' | 'hashed-retail' | 'strict';

/** The shipped profiles by name. Data (`RedactionProfileV1`), frozen. */
export const BUILTIN_PROFILES: Readonly<Record<BuiltinProfileName, RedactionProfileV1>> =
  Object.freeze({
    homebrew: HOMEBREW_PROFILE,
    'hashed-retail': HASHED_RETAIL_PROFILE,
    strict: STRICT_PROFILE,
  });

/** `homebrew@1`: the id with version a request envelope records. */
export function profileRef(profile: RedactionProfileV1): string {
  return `${profile.profile_id}@${profile.version}`;
}
