/** An `AutomationPolicyV1` for tests: local mode, gpt-5.2, $1 and 10 minutes, always open. */
export function localPolicy(overrides: Record<string, unknown> = {}) {
  return {
    schema_version: '1',
    policy_id: 'test-local',
    execution_mode: 'local',
    requires_approval: false,
    max_cost_usd: 1,
    max_runtime_minutes: 10,
    allowed_models: ['gpt-5.2'],
    run_windows: ['daily:00:00-24:00'],
    ...overrides,
  };
}
