import type { z } from 'zod';
import { ApprovalDecisionV1 } from '../approval/approval-decision-v1.js';
import { AutomationPolicyV1 } from '../automation-policy/automation-policy-v1.js';
import { LedgerRecordV1 } from '../ledger-records/ledger-record-v1.js';
import { RedactionProfileV1 } from '../redaction-profile/redaction-profile-v1.js';
import { RequestEnvelopeV1 } from '../request-envelope/request-envelope-v1.js';

/** One published schema: its file name under `schemas/`, its `$id`, title and zod source. */
export interface CatalogEntry {
  file: string;
  id: string;
  title: string;
  schema: z.ZodType;
}

/**
 * Every schema published as JSON Schema. The `$id`s are stable URNs: they name the schema
 * and version and never change once released (docs/schemas.md).
 */
export const schemaCatalog = {
  requestEnvelopeV1: {
    file: 'request-envelope.v1.json',
    id: 'urn:pm-sdk:schema:request-envelope:v1',
    title: 'RequestEnvelopeV1',
    schema: RequestEnvelopeV1,
  },
  automationPolicyV1: {
    file: 'automation-policy.v1.json',
    id: 'urn:pm-sdk:schema:automation-policy:v1',
    title: 'AutomationPolicyV1',
    schema: AutomationPolicyV1,
  },
  approvalDecisionV1: {
    file: 'approval-decision.v1.json',
    id: 'urn:pm-sdk:schema:approval-decision:v1',
    title: 'ApprovalDecisionV1',
    schema: ApprovalDecisionV1,
  },
  redactionProfileV1: {
    file: 'redaction-profile.v1.json',
    id: 'urn:pm-sdk:schema:redaction-profile:v1',
    title: 'RedactionProfileV1',
    schema: RedactionProfileV1,
  },
  ledgerRecordV1: {
    file: 'ledger-record.v1.json',
    id: 'urn:pm-sdk:schema:ledger-record:v1',
    title: 'LedgerRecordV1',
    schema: LedgerRecordV1,
  },
} satisfies Record<string, CatalogEntry>;

export type SchemaName = keyof typeof schemaCatalog;
