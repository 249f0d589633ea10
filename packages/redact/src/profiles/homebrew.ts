import type { RedactionProfileV1 } from '@pm/envelope-schemas';

/**
 * `homebrew@1`: for one person's own data on their own machine. Everything detected is
 * masked with numbered placeholders; nothing needs a key, nothing is dropped.
 */
export const HOMEBREW_PROFILE: RedactionProfileV1 = {
  schema_version: '1',
  profile_id: 'homebrew',
  version: 1,
  description:
    'Mask all detected personal data and secrets with typed, numbered placeholders. No key needed.',
  default_operator: 'mask',
  operators: {},
  hash_fields: [],
  drop_fields: [],
  requires_hash_key: false,
};
