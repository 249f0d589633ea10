import type { RedactionProfileV1 } from '@pm/envelope-schemas';

/**
 * `hashed-retail@1`: for retail/CRM event logs, where analysis must still join on the
 * customer. E-mails, phones and customer/order id fields are HMAC-hashed with the host's
 * key; secrets and everything else are masked. Refuses to run without a key.
 */
export const HASHED_RETAIL_PROFILE: RedactionProfileV1 = {
  schema_version: '1',
  profile_id: 'hashed-retail',
  version: 1,
  description:
    'HMAC-hash identifiers (emails, phones, customer and order id fields) so joins still work; mask secrets and other personal data. Requires a hash key.',
  default_operator: 'mask',
  operators: { email: 'hash', phone: 'hash', identifier: 'hash', secret: 'mask' },
  hash_fields: ['customer_id', 'order_id', 'client_id', 'account_id', 'user_id', 'case_id'],
  drop_fields: [],
  requires_hash_key: true,
};
