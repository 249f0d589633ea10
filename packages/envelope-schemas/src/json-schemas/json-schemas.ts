import approvalDecisionV1 from '../../schemas/approval-decision.v1.json' with { type: 'json' };
import automationPolicyV1 from '../../schemas/automation-policy.v1.json' with { type: 'json' };
import ledgerRecordV1 from '../../schemas/ledger-record.v1.json' with { type: 'json' };
import redactionProfileV1 from '../../schemas/redaction-profile.v1.json' with { type: 'json' };
import requestEnvelopeV1 from '../../schemas/request-envelope.v1.json' with { type: 'json' };

/**
 * The published JSON Schemas (draft 2020-12), the same documents as the files under
 * `@pm/envelope-schemas/schemas/`. For validators in other languages or tools such as ajv.
 */
export const jsonSchemas: {
  readonly requestEnvelopeV1: Readonly<Record<string, unknown>>;
  readonly automationPolicyV1: Readonly<Record<string, unknown>>;
  readonly approvalDecisionV1: Readonly<Record<string, unknown>>;
  readonly redactionProfileV1: Readonly<Record<string, unknown>>;
  readonly ledgerRecordV1: Readonly<Record<string, unknown>>;
} = {
  requestEnvelopeV1,
  automationPolicyV1,
  approvalDecisionV1,
  redactionProfileV1,
  ledgerRecordV1,
};
