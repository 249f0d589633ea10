import { defaultPriceTable } from '@pm/budget';
import { type AutomationPolicyV1, parseAutomationPolicy } from '@pm/envelope-schemas';

/**
 * The policy a client runs under when the host gives none: local mode, no approvals, a
 * $5 and 60-minute hard stop per run, any model with a known price, at any time.
 */
export function defaultPolicy(): AutomationPolicyV1 {
  return parseAutomationPolicy({
    schema_version: '1',
    policy_id: 'pm-default-local',
    execution_mode: 'local',
    requires_approval: false,
    max_cost_usd: 5,
    max_runtime_minutes: 60,
    allowed_models: [...new Set(defaultPriceTable.rows.map((row) => row.model))],
    run_windows: ['daily:00:00-24:00'],
  });
}
