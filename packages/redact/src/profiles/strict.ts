import type { RedactionProfileV1 } from '@pm/envelope-schemas';

/**
 * `strict@1`: for regulated data or a first cloud run. Everything detected is masked, and
 * free-text fields (where personal data hides in prose no detector sees) are dropped whole.
 */
export const STRICT_PROFILE: RedactionProfileV1 = {
  schema_version: '1',
  profile_id: 'strict',
  version: 1,
  description:
    'Mask everything detected and drop free-text fields (notes, comments, descriptions, messages) whole.',
  default_operator: 'mask',
  operators: {},
  hash_fields: [],
  drop_fields: [
    'notes',
    'note',
    'comment',
    'comments',
    'description',
    'message',
    'body',
    'free_text',
    'remarks',
  ],
  requires_hash_key: false,
};
